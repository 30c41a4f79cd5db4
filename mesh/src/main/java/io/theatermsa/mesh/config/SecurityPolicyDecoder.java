package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.mesh.security.AuthorizationPolicy;
import io.theatermsa.mesh.security.MtlsMode;
import io.theatermsa.mesh.security.Operation;
import io.theatermsa.mesh.security.PeerAuthentication;
import io.theatermsa.mesh.security.Rule;
import io.theatermsa.mesh.security.SecurityPolicies;
import io.theatermsa.mesh.security.Selector;
import io.theatermsa.mesh.security.Source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes PeerAuthentication and AuthorizationPolicy (mesh-semantics §11). What Istio rejects is an
 * {@link Code#INVALID_VALUE} (§11.8); a field Istio accepts but the emulated sidecars cannot enforce is
 * {@link Code#SECURITY_NOT_EMULATED}, an error too, because ignoring a rule's field would allow or deny other requests
 * than Istio does. Accumulates findings, never throws.
 */
final class SecurityPolicyDecoder {

    private static final Set<String> SOURCE_FIELDS = Set.of("principals", "notPrincipals", "namespaces",
            "notNamespaces");
    private static final Set<String> SOURCE_FIELDS_NOT_EMULATED = Set.of("serviceAccounts", "notServiceAccounts",
            "requestPrincipals", "notRequestPrincipals", "ipBlocks", "notIpBlocks", "remoteIpBlocks",
            "notRemoteIpBlocks");
    private static final Set<String> OPERATION_FIELDS = Set.of("methods", "notMethods", "paths", "notPaths", "ports",
            "notPorts");
    private static final Set<String> OPERATION_FIELDS_NOT_EMULATED = Set.of("hosts", "notHosts");
    private static final String DRY_RUN = "istio.io/dry-run";

    private final ObjectMeta meta;
    private final Diagnostics diagnostics;

    private SecurityPolicyDecoder(ObjectMeta meta, Diagnostics diagnostics) {
        this.meta = meta;
        this.diagnostics = diagnostics;
    }

    static SecurityObject decode(Manifest manifest, ObjectMeta meta, JsonNode spec, Diagnostics diagnostics) {
        SecurityPolicyDecoder decoder = new SecurityPolicyDecoder(meta, diagnostics);
        SpecNode node = new SpecNode(spec, "spec", meta, diagnostics);
        SecurityPolicies enforced = meta.kind().equals("PeerAuthentication")
                ? decoder.peerAuthentication(node)
                : decoder.authorizationPolicy(node, manifest.node().path("metadata").path("annotations"));
        return new SecurityObject(meta, spec, enforced);
    }

    private SecurityPolicies peerAuthentication(SpecNode spec) {
        knownFields(spec, Set.of("selector", "mtls", "portLevelMtls"), Set.of());
        Selector selector = selector(spec);
        SpecNode mtls = spec.object("mtls");
        if (mtls != null) {
            knownFields(mtls, Set.of("mode"), Set.of());
        }
        String modeText = mtls == null ? null : mtls.text("mode");
        MtlsMode mode = MtlsMode.UNSET;
        try {
            mode = modeText == null ? MtlsMode.UNSET : MtlsMode.valueOf(modeText);
        } catch (IllegalArgumentException e) {
            invalid("spec.mtls.mode", "'" + modeText + "' is not one of UNSET, DISABLE, PERMISSIVE, STRICT");
        }
        if (spec.has("portLevelMtls")) {
            if (selector.matchLabels().isEmpty()) {
                invalid("spec.portLevelMtls", "mesh/namespace peer authentication cannot have port level mTLS");
            } else if (spec.raw().path("portLevelMtls").isEmpty()) {
                invalid("spec.portLevelMtls", "port level mTLS, when given, must name at least one port");
            } else {
                notEmulated("spec.portLevelMtls", "a mode per workload port");
            }
        }
        return new SecurityPolicies(List.of(new PeerAuthentication(meta.namespace(), meta.name(),
                meta.creationTimestamp(), selector, mode)), List.of());
    }

    private SecurityPolicies authorizationPolicy(SpecNode spec, JsonNode annotations) {
        knownFields(spec, Set.of("selector", "action", "rules", "provider", "targetRef", "targetRefs"), Set.of());
        long scopes = List.of("selector", "targetRef", "targetRefs").stream().filter(spec::has).count();
        if (scopes > 1) {
            invalid("spec", "only one of selector, targetRef or targetRefs can be set");
        }
        Selector selector = selector(spec);
        String action = spec.has("action") ? spec.text("action") : "ALLOW";
        List<SpecNode> written = spec.list("rules");
        boolean hasRules = !written.isEmpty();
        List<Rule> rules = new ArrayList<>();
        for (SpecNode rule : written) {
            rules.add(rule(rule));
        }
        if (spec.has("provider") && !"CUSTOM".equals(action)) {
            invalid("spec.provider", "provider must only be used with the CUSTOM action");
        }
        switch (action == null ? "" : action) {
            case "ALLOW", "AUDIT" -> { }
            case "DENY" -> {
                if (!hasRules) {
                    invalid("spec.rules", "DENY policy must have at least one rule");
                }
            }
            case "CUSTOM" -> {
                if (!hasRules) {
                    invalid("spec.rules", "CUSTOM policy must have at least one rule");
                }
                if (spec.raw().path("provider").path("name").asText("").isEmpty()) {
                    invalid("spec.provider.name", "CUSTOM policy must have a provider name");
                } else {
                    notEmulated("spec.action", "CUSTOM (an external authorizer from meshConfig.extensionProviders;"
                            + " the local mesh has none)");
                }
            }
            default -> invalid("spec.action", "'" + action + "' is not one of ALLOW, DENY, AUDIT, CUSTOM");
        }
        if (spec.has("targetRef") || spec.has("targetRefs")) {
            diagnostics.add(Code.NOT_FOR_SIDECARS, meta, spec.has("targetRef") ? "spec.targetRef" : "spec.targetRefs",
                    "a policy with targetRef(s) attaches to gateways and waypoints, never to sidecars");
            return SecurityPolicies.NONE;
        }
        if ("AUDIT".equals(action)) {
            diagnostics.add(Code.NOT_EMULATED, meta, "spec.action", "AUDIT never changes whether a request is"
                    + " allowed; it only marks requests for an audit logging plugin, which the local mesh does not have");
            return SecurityPolicies.NONE;
        }
        if (annotations.path(DRY_RUN).asText("").equals("true")) {
            diagnostics.add(Code.NOT_EMULATED, meta, "metadata.annotations." + DRY_RUN, "a dry-run policy never"
                    + " allows or denies; the local mesh does not report what it would have done");
            return SecurityPolicies.NONE;
        }
        if (!"ALLOW".equals(action) && !"DENY".equals(action)) {
            return SecurityPolicies.NONE;
        }
        return new SecurityPolicies(List.of(), List.of(new AuthorizationPolicy(meta.namespace(), meta.name(), selector,
                AuthorizationPolicy.Action.valueOf(action), rules)));
    }

    private Rule rule(SpecNode written) {
        String path = written.path();
        SpecNode rule = written.raw().isNull() ? null : written.asObject();
        if (rule == null) {
            invalid(path, "a rule must be an object with from, to or when");
            return new Rule(List.of(), List.of());
        }
        knownFields(rule, Set.of("from", "to"), Set.of("when"));
        List<Source> from = new ArrayList<>();
        forEachEntry(rule, "from", "source", s -> {
            knownFields(s, SOURCE_FIELDS, SOURCE_FIELDS_NOT_EMULATED);
            from.add(new Source(values(s, "principals"), values(s, "notPrincipals"),
                    values(s, "namespaces"), values(s, "notNamespaces")));
        });
        List<Operation> to = new ArrayList<>();
        forEachEntry(rule, "to", "operation", o -> {
            String at = o.path();
            knownFields(o, OPERATION_FIELDS, OPERATION_FIELDS_NOT_EMULATED);
            List<String> paths = values(o, "paths");
            List<String> notPaths = values(o, "notPaths");
            paths(paths, at + ".paths");
            paths(notPaths, at + ".notPaths");
            List<Integer> ports = ports(values(o, "ports"), at + ".ports");
            List<Integer> notPorts = ports(values(o, "notPorts"), at + ".notPorts");
            to.add(new Operation(values(o, "methods"), values(o, "notMethods"), paths, notPaths, ports, notPorts));
        });
        return new Rule(from, to);
    }

    /** {@code from[].source} or {@code to[].operation}: present lists must not be empty, nor their entries. */
    private void forEachEntry(SpecNode rule, String list, String field, Consumer<SpecNode> reader) {
        if (!rule.has(list)) {
            return;
        }
        List<SpecNode> entries = rule.list(list);
        if (entries.isEmpty() && rule.raw().get(list).isArray()) {
            invalid(rule.path(list), "`" + list + "` must not be empty");
        }
        for (SpecNode entry : entries) {
            SpecNode item = entry.asObject();
            if (item == null) {
                continue;
            }
            knownFields(item, Set.of(field), Set.of());
            SpecNode value = item.object(field);
            if (value == null || value.raw().isEmpty()) {
                invalid(item.path(field), "`" + field + "` must not be empty");
                continue;
            }
            reader.accept(value);
        }
    }

    /**
     * Path templates ({@code {*}} one segment, {@code {**}} any, only as the last operator): Istio refuses one that
     * is not valid ({@code CheckValidPathTemplate}: a brace outside a whole-segment operator, an operator after
     * {@code {**}}, a {@code *} in a templated path); a valid one is not enforced here, so it is refused as such.
     */
    private void paths(List<String> paths, String at) {
        boolean template = false;
        for (String path : paths) {
            Optional<String> error = pathTemplateError(path);
            error.ifPresent(message -> invalid(at, "invalid or unsupported path " + path + ": " + message));
            template |= error.isEmpty() && isPathTemplate(path);
        }
        if (template) {
            notEmulated(at, "path templates {*} and {**}");
        }
    }

    private static boolean isPathTemplate(String path) {
        return path.contains("{*}") || path.contains("{**}");
    }

    private static Optional<String> pathTemplateError(String path) {
        boolean template = isPathTemplate(path);
        boolean matchAnySeen = false;
        for (String segment : path.split("/", -1)) {
            if (segment.equals("{*}") && !matchAnySeen) {
                continue;
            }
            if (segment.equals("{**}") && !matchAnySeen) {
                matchAnySeen = true;
                continue;
            }
            if (segment.contains("{") || segment.contains("}")) {
                return Optional.of("contains '{' or '}' beyond a supported path template"
                        + " ({*} or {**} as a whole segment, {**} the last operator)");
            }
            if (template && segment.contains("*")) {
                return Optional.of("contains '*' beyond a supported path template");
            }
        }
        return Optional.empty();
    }

    /** The ports as numbers; one that is not a number in 0..65535 is an error and left out. */
    private List<Integer> ports(List<String> written, String path) {
        List<Integer> ports = new ArrayList<>();
        for (String port : written) {
            try {
                int number = Integer.parseInt(port);
                if (number < 0 || number > 65535) {
                    invalid(path, "port " + port + " must be in the range 0..65535");
                } else {
                    ports.add(number);
                }
            } catch (NumberFormatException e) {
                invalid(path, "port " + port + " is not a number");
            }
        }
        return ports;
    }

    /** A list of strings (a single string is a wrong type, never a widened or narrowed match); no empty value. */
    private List<String> values(SpecNode node, String field) {
        List<String> out = new ArrayList<>();
        for (String value : node.strings(field)) {
            if (value.isEmpty()) {
                invalid(node.path(field), "empty value is not allowed");
            } else {
                out.add(value);
            }
        }
        return out;
    }

    /** {@code spec.selector.matchLabels}; any other selector field is refused, never read as "no selector". */
    private Selector selector(SpecNode spec) {
        SpecNode selector = spec.object("selector");
        if (selector == null) {
            return new Selector(Map.of());
        }
        knownFields(selector, Set.of("matchLabels"), Set.of());
        Map<String, String> labels = new LinkedHashMap<>();
        selector.stringMap("matchLabels").forEach((key, value) -> {
            if (key.isEmpty() || key.contains("*") || value.contains("*")) {
                invalid(selector.path("matchLabels") + "." + key, "label " + key + "=" + value
                        + " must not be empty or contain *");
            }
            labels.put(key, value);
        });
        return new Selector(labels);
    }

    private void knownFields(SpecNode node, Set<String> emulated, Set<String> notEmulated) {
        node.raw().fieldNames().forEachRemaining(f -> {
            if (notEmulated.contains(f)) {
                notEmulated(node.path(f), "`" + f + "`");
            } else if (!emulated.contains(f)) {
                invalid(node.path(f), "unknown field \"" + f + "\"");
            }
        });
    }

    private void invalid(String path, String message) {
        diagnostics.add(Code.INVALID_VALUE, meta, path, message);
    }

    private void notEmulated(String path, String what) {
        diagnostics.add(Code.SECURITY_NOT_EMULATED, meta, path, what + " is not enforced by theater's local mesh;"
                + " the object is refused rather than enforced in part (Istio on real clusters accepts it)");
    }
}
