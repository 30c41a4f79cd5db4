package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Loads VirtualServices and DestinationRules ({@code networking.istio.io} v1, v1beta1, v1alpha3), PeerAuthentications
 * and AuthorizationPolicies ({@code security.istio.io} v1, v1beta1) from YAML and validates them. Sources: a file, a directory, a kustomization directory, multi-document YAML, {@code kubectl
 * kustomize} output, or a {@code kind: List}. Other kinds are skipped and counted; of them only the MeshConfig in the
 * {@code istio} ConfigMap of {@code istio-system} is read, for {@code enableAutoMtls} ({@link MeshConfigMap}).
 * <p>
 * Validation accumulates: the result lists every problem with its file, object and field path, and never throws.
 * Give the loader a {@link ServiceCatalog} to also warn about destination hosts that nothing serves. Objects that
 * name no namespace are put in the one the loader is given, as kubectl puts them in the context's.
 */
public final class MeshConfigLoader {

    private static final Set<String> MESH_KINDS = Set.of("VirtualService", "DestinationRule");
    private static final Set<String> SECURITY_KINDS = Set.of("PeerAuthentication", "AuthorizationPolicy");
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final List<String> BANNED_ANNOTATIONS = List.of("istio.io/dry-run",
            "internal.istio.io/webhook-always-reject", "internal.istio.io/parent-namespace", "internal.istio.io/parents");

    private final String namespace;
    private final ServiceCatalog catalog;

    /** A loader that puts objects without {@code metadata.namespace} in {@code namespace}, checking no hosts. */
    public MeshConfigLoader(String namespace) {
        this(namespace, null);
    }

    /**
     * A loader that puts objects without {@code metadata.namespace} in {@code namespace} and warns about
     * destination hosts {@code catalog} does not serve ({@code null}: no check).
     */
    public MeshConfigLoader(String namespace, ServiceCatalog catalog) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.catalog = catalog;
    }

    /** Loads a file or a directory (with or without {@code kustomization.yaml}). */
    public LoadedConfig load(Path path) {
        Diagnostics diagnostics = new Diagnostics();
        return decode(new ManifestReader(namespace, diagnostics).read(path), diagnostics);
    }

    /** Loads YAML text (one or more documents); {@code sourceName} stands in for the file name in diagnostics. */
    public LoadedConfig load(String sourceName, String yaml) {
        Diagnostics diagnostics = new Diagnostics();
        return decode(new ManifestReader(namespace, diagnostics).parse(sourceName, yaml), diagnostics);
    }

    private LoadedConfig decode(List<Manifest> manifests, Diagnostics diagnostics) {
        List<VirtualService> virtualServices = new ArrayList<>();
        List<DestinationRule> destinationRules = new ArrayList<>();
        List<SecurityObject> securityObjects = new ArrayList<>();
        int skipped = 0;
        for (Manifest m : manifests) {
            JsonNode node = m.node();
            String kind = m.kind();
            ApiGroup group = SECURITY_KINDS.contains(kind) ? ApiGroup.SECURITY
                    : MESH_KINDS.contains(kind) ? ApiGroup.NETWORKING : null;
            if (group == null) {
                skipped++;
                continue;
            }
            ObjectMeta meta = meta(m, kind, diagnostics);
            String apiVersion = node.path("apiVersion").asText("");
            if (!group.serves(apiVersion)) {
                diagnostics.add(Code.UNSUPPORTED_API_VERSION, meta, "apiVersion", "'" + apiVersion
                        + "' is not " + group.versionsText() + "; the object is skipped");
                skipped++;
                continue;
            }
            checkObject(node, meta, group.allowedAnnotations(), diagnostics);
            JsonNode specNode = node.path("spec").isObject() ? node.get("spec") : JsonNodeFactory.instance.objectNode();
            if (group == ApiGroup.SECURITY) {
                securityObjects.add(SecurityPolicyDecoder.decode(m, meta, specNode, diagnostics));
                continue;
            }
            SpecNode spec = new SpecNode(specNode, "spec", meta, diagnostics);
            RawField written = new RawField(specNode, "spec");
            if (kind.equals("VirtualService")) {
                VirtualServiceAdmission.check(written, new AdmissionFindings(meta, diagnostics));
                VirtualService vs = VirtualServiceDecoder.decode(spec);
                VirtualServiceValidator.validate(vs, diagnostics);
                virtualServices.add(vs);
            } else {
                DestinationRuleAdmission.check(written, new AdmissionFindings(meta, diagnostics));
                DestinationRule dr = DestinationRuleDecoder.decode(spec);
                DestinationRuleValidator.validate(dr, diagnostics);
                destinationRules.add(dr);
            }
        }
        MeshReferenceValidator.validate(virtualServices, MergedDestinationRule.mergeByHost(destinationRules),
                                        catalog, diagnostics);
        boolean autoMtls = MeshConfigMap.of(manifests, diagnostics).autoMtls();
        DestinationRuleMtls.check(destinationRules, securityObjects, autoMtls, diagnostics);
        AuthorizationPolicyMethods.check(securityObjects, diagnostics);
        AuthorizationPolicyMtls.check(securityObjects, destinationRules, autoMtls, catalog, diagnostics);
        return new LoadedConfig(virtualServices, destinationRules, securityObjects, diagnostics.toList(), skipped);
    }

    /**
     * The API group of a kind the loader reads: the versions Istio serves, and the banned annotations it allows
     * ({@code istio.io/dry-run} is how a security policy is dry-run, refused on a VirtualService or DestinationRule).
     */
    private enum ApiGroup {
        NETWORKING("networking.istio.io/", Set.of("v1", "v1beta1", "v1alpha3"),
                "networking.istio.io/v1, v1beta1 or v1alpha3", Set.of()),
        SECURITY("security.istio.io/", Set.of("v1", "v1beta1"), "security.istio.io/v1 or v1beta1",
                Set.of("istio.io/dry-run"));

        private final String prefix;
        private final Set<String> versions;
        private final String versionsText;
        private final Set<String> allowedAnnotations;

        ApiGroup(String prefix, Set<String> versions, String versionsText, Set<String> allowedAnnotations) {
            this.prefix = prefix;
            this.versions = versions;
            this.versionsText = versionsText;
            this.allowedAnnotations = allowedAnnotations;
        }

        boolean serves(String apiVersion) {
            return apiVersion.startsWith(prefix) && versions.contains(apiVersion.substring(prefix.length()));
        }

        String versionsText() {
            return versionsText;
        }

        Set<String> allowedAnnotations() {
            return allowedAnnotations;
        }
    }

    /**
     * What Istio's webhook checks before the spec (istio-validation.md 0.5, 0.6): only {@code apiVersion, kind,
     * metadata, spec, status} at the top, and none of the annotations users may not set, but for
     * {@code allowedAnnotations}. Each check ends the webhook's review, so the first failure is the only one reported.
     */
    private static void checkObject(JsonNode node, ObjectMeta meta, Set<String> allowedAnnotations,
                                    Diagnostics diagnostics) {
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!TOP_LEVEL_FIELDS.contains(field)) {
                diagnostics.add(Code.INVALID_VALUE, meta, field, "unknown field \"" + field + "\" on "
                        + meta.kind() + " resource " + meta.key());
                return;
            }
        }
        JsonNode annotations = node.path("metadata").path("annotations");
        for (String banned : BANNED_ANNOTATIONS) {
            if (annotations.has(banned) && !allowedAnnotations.contains(banned)) {
                String message = banned.equals("istio.io/dry-run")
                        ? meta.key() + " has unsupported annotation " + banned + ", please remove the annotation"
                        : "\"" + banned + "\" annotation found, this may not be set by users";
                diagnostics.add(Code.INVALID_VALUE, meta, "metadata.annotations." + banned, message);
                return;
            }
        }
    }

    private static ObjectMeta meta(Manifest m, String kind, Diagnostics diagnostics) {
        String name = m.name();
        String namespace = m.namespace();
        Instant created = null;
        String timestamp = m.node().path("metadata").path("creationTimestamp").asText("");
        ObjectMeta meta = new ObjectMeta(kind, name.isEmpty() ? "<unnamed>" : name, namespace, null, m.file());
        if (name.isEmpty()) {
            diagnostics.add(Code.MISSING_NAME, meta, "metadata.name", "metadata.name is required");
        }
        if (!timestamp.isEmpty()) {
            try {
                created = Instant.parse(timestamp);
            } catch (DateTimeParseException e) {
                diagnostics.add(Code.INVALID_VALUE, meta, "metadata.creationTimestamp",
                                "'" + timestamp + "' is not an RFC 3339 time");
            }
        }
        return new ObjectMeta(kind, meta.name(), namespace, created, m.file());
    }
}
