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
import java.util.Set;

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
        SecurityPolicies enforced = meta.kind().equals("PeerAuthentication")
                ? decoder.peerAuthentication(spec)
                : decoder.authorizationPolicy(spec, manifest.node().path("metadata").path("annotations"));
        return new SecurityObject(meta, spec, enforced);
    }

    private SecurityPolicies peerAuthentication(JsonNode spec) {
        knownFields(spec, "spec", Set.of("selector", "mtls", "portLevelMtls"), Set.of());
        Selector selector = selector(spec);
        String modeText = spec.path("mtls").path("mode").asText("UNSET");
        MtlsMode mode = MtlsMode.UNSET;
        try {
            mode = MtlsMode.valueOf(modeText);
        } catch (IllegalArgumentException e) {
            invalid("spec.mtls.mode", "'" + modeText + "' is not one of UNSET, DISABLE, PERMISSIVE, STRICT");
        }
        if (spec.has("portLevelMtls")) {
            if (selector.matchLabels().isEmpty()) {
                invalid("spec.portLevelMtls", "mesh/namespace peer authentication cannot have port level mTLS");
            } else if (spec.path("portLevelMtls").isEmpty()) {
                invalid("spec.portLevelMtls", "port level mTLS, when given, must name at least one port");
            } else {
                notEmulated("spec.portLevelMtls", "a mode per workload port");
            }
        }
        return new SecurityPolicies(List.of(new PeerAuthentication(meta.namespace(), meta.name(),
                meta.creationTimestamp(), selector, mode)), List.of());
    }

    private SecurityPolicies authorizationPolicy(JsonNode spec, JsonNode annotations) {
        knownFields(spec, "spec", Set.of("selector", "action", "rules", "provider", "targetRef", "targetRefs"),
                Set.of());
        long scopes = List.of("selector", "targetRef", "targetRefs").stream().filter(spec::has).count();
        if (scopes > 1) {
            invalid("spec", "only one of selector, targetRef or targetRefs can be set");
        }
        Selector selector = selector(spec);
        String action = spec.path("action").asText("ALLOW");
        boolean hasRules = spec.has("rules") && !spec.path("rules").isEmpty();
        List<Rule> rules = new ArrayList<>();
        JsonNode written = spec.path("rules");
        for (int i = 0; i < written.size(); i++) {
            rules.add(rule(written.get(i), "spec.rules[" + i + "]"));
        }
        if (spec.has("provider") && !action.equals("CUSTOM")) {
            invalid("spec.provider", "provider must only be used with the CUSTOM action");
        }
        switch (action) {
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
                if (spec.path("provider").path("name").asText("").isEmpty()) {
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
        if (action.equals("AUDIT")) {
            diagnostics.add(Code.NOT_EMULATED, meta, "spec.action", "AUDIT never changes whether a request is"
                    + " allowed; it only marks requests for an audit logging plugin, which the local mesh does not have");
            return SecurityPolicies.NONE;
        }
        if (annotations.path(DRY_RUN).asText("").equals("true")) {
            diagnostics.add(Code.NOT_EMULATED, meta, "metadata.annotations." + DRY_RUN, "a dry-run policy never"
                    + " allows or denies; the local mesh does not report what it would have done");
            return SecurityPolicies.NONE;
        }
        if (!action.equals("ALLOW") && !action.equals("DENY")) {
            return SecurityPolicies.NONE;
        }
        return new SecurityPolicies(List.of(), List.of(new AuthorizationPolicy(meta.namespace(), meta.name(), selector,
                AuthorizationPolicy.Action.valueOf(action), rules)));
    }

    private Rule rule(JsonNode rule, String path) {
        if (rule == null || rule.isNull()) {
            invalid(path, "a rule cannot be null");
            return new Rule(List.of(), List.of());
        }
        knownFields(rule, path, Set.of("from", "to"), Set.of("when"));
        List<Source> from = new ArrayList<>();
        forEachEntry(rule, "from", "source", path, (s, at) -> {
            knownFields(s, at, SOURCE_FIELDS, SOURCE_FIELDS_NOT_EMULATED);
            from.add(new Source(values(s, at, "principals"), values(s, at, "notPrincipals"),
                    values(s, at, "namespaces"), values(s, at, "notNamespaces")));
        });
        List<Operation> to = new ArrayList<>();
        forEachEntry(rule, "to", "operation", path, (o, at) -> {
            knownFields(o, at, OPERATION_FIELDS, OPERATION_FIELDS_NOT_EMULATED);
            List<String> paths = values(o, at, "paths");
            List<String> notPaths = values(o, at, "notPaths");
            if (paths.stream().anyMatch(p -> p.contains("{")) || notPaths.stream().anyMatch(p -> p.contains("{"))) {
                notEmulated(at + (paths.stream().anyMatch(p -> p.contains("{")) ? ".paths" : ".notPaths"),
                        "path templates {*} and {**}");
            }
            List<String> ports = values(o, at, "ports");
            List<String> notPorts = values(o, at, "notPorts");
            ports(ports, at + ".ports");
            ports(notPorts, at + ".notPorts");
            to.add(new Operation(values(o, at, "methods"), values(o, at, "notMethods"), paths, notPaths, ports,
                    notPorts));
        });
        return new Rule(from, to);
    }

    private interface EntryReader {
        void read(JsonNode entry, String path);
    }

    /** {@code from[].source} or {@code to[].operation}: present lists must not be empty, nor their entries. */
    private void forEachEntry(JsonNode rule, String list, String field, String path, EntryReader reader) {
        if (!rule.has(list)) {
            return;
        }
        JsonNode entries = rule.get(list);
        if (entries.isEmpty()) {
            invalid(path + "." + list, "`" + list + "` must not be empty");
        }
        for (int i = 0; i < entries.size(); i++) {
            String at = path + "." + list + "[" + i + "]";
            JsonNode value = entries.get(i).path(field);
            if (!value.isObject() || value.isEmpty()) {
                invalid(at + "." + field, "`" + field + "` must not be empty");
                continue;
            }
            reader.read(value, at + "." + field);
        }
    }

    private void ports(List<String> ports, String path) {
        for (String port : ports) {
            try {
                int number = Integer.parseInt(port);
                if (number < 0 || number > 65535) {
                    invalid(path, "port " + port + " must be in the range 0..65535");
                }
            } catch (NumberFormatException e) {
                invalid(path, "port " + port + " is not a number");
            }
        }
    }

    private List<String> values(JsonNode node, String path, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> {
            if (v.asText("").isEmpty()) {
                invalid(path + "." + field, "empty value is not allowed");
            } else {
                out.add(v.asText());
            }
        });
        return out;
    }

    private Selector selector(JsonNode spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        spec.path("selector").path("matchLabels").fields().forEachRemaining(e -> {
            if (e.getKey().isEmpty() || e.getKey().contains("*") || e.getValue().asText("").contains("*")) {
                invalid("spec.selector.matchLabels", "label " + e.getKey() + "=" + e.getValue().asText()
                        + " must not be empty or contain *");
            }
            labels.put(e.getKey(), e.getValue().asText());
        });
        return new Selector(labels);
    }

    private void knownFields(JsonNode node, String path, Set<String> emulated, Set<String> notEmulated) {
        node.fieldNames().forEachRemaining(f -> {
            if (notEmulated.contains(f)) {
                notEmulated(path + "." + f, "`" + f + "`");
            } else if (!emulated.contains(f)) {
                invalid(path + "." + f, "unknown field \"" + f + "\"");
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
