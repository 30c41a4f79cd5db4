package io.theatermsa.mesh.security;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The inbound side of a sidecar for PeerAuthentication and AuthorizationPolicy, decided from the policies of the
 * destination's own cluster (mesh-semantics §11). Pure: the policies are given, nothing is looked up.
 */
public final class MeshSecurity {

    public static final String DEFAULT_ROOT_NAMESPACE = "istio-system";

    private static final Comparator<PeerAuthentication> OLDEST_FIRST = Comparator
            .comparing((PeerAuthentication p) -> p.created() == null ? Instant.MIN : p.created())
            .thenComparing(PeerAuthentication::name);

    private final String rootNamespace;
    private final List<PeerAuthentication> peerAuthentications;
    private final List<AuthorizationPolicy> authorizationPolicies;

    public MeshSecurity(String rootNamespace, List<PeerAuthentication> peerAuthentications,
                        List<AuthorizationPolicy> authorizationPolicies) {
        this.rootNamespace = rootNamespace;
        this.peerAuthentications = List.copyOf(peerAuthentications);
        this.authorizationPolicies = List.copyOf(authorizationPolicies);
    }

    public static MeshSecurity none() {
        return new MeshSecurity(DEFAULT_ROOT_NAMESPACE, List.of(), List.of());
    }

    /**
     * The workload's mode: mesh (root namespace, no selector), then namespace (no selector), then workload
     * (selector, not in the root namespace); each level that is not UNSET overrides, the oldest policy of a level
     * wins, and nothing at all means PERMISSIVE (§11.1).
     */
    public MtlsMode modeFor(Workload workload) {
        return resolve(namespaceMode(workload), oldest(workload.namespace(), true, workload));
    }

    /** The mode from the mesh and namespace levels alone, which auto mTLS reads for the whole service (§11.2a). */
    private MtlsMode namespaceMode(Workload workload) {
        MtlsMode mesh = resolve(MtlsMode.PERMISSIVE, oldest(rootNamespace, false, workload));
        return resolve(mesh, oldest(workload.namespace(), false, workload));
    }

    private MtlsMode resolve(MtlsMode inherited, Optional<PeerAuthentication> level) {
        MtlsMode mode = level.map(PeerAuthentication::mode).orElse(MtlsMode.UNSET);
        return mode == MtlsMode.UNSET ? inherited : mode;
    }

    private Optional<PeerAuthentication> oldest(String namespace, boolean withSelector, Workload workload) {
        if (withSelector && namespace.equals(rootNamespace)) {
            return Optional.empty();
        }
        return peerAuthentications.stream()
                .filter(p -> p.namespace().equals(namespace))
                .filter(p -> withSelector
                        ? !p.selector().isEmpty() && p.selector().selects(workload.labels())
                        : p.selector().isEmpty())
                .min(OLDEST_FIRST);
    }

    /**
     * One request to {@code destination}: the mTLS mode first (filter-chain match), then DENY, then ALLOW (§11.4).
     * With auto mTLS a caller's sidecar speaks mTLS unless the destination's namespace (or mesh) mode is DISABLE, or
     * its own resolved mode is (§11.2); so a workload STRICT in a DISABLE namespace gets plaintext from sidecars too.
     */
    public InboundDecision decide(Workload destination, InboundRequest request) {
        MtlsMode mode = modeFor(destination);
        boolean mtls = namespaceMode(destination) != MtlsMode.DISABLE && mode != MtlsMode.DISABLE;
        Optional<Principal> peer = mtls ? request.callerSidecar() : Optional.empty();
        if (mode == MtlsMode.STRICT && peer.isEmpty()) {
            return new InboundDecision.NoFilterChain();
        }
        List<AuthorizationPolicy> selected = authorizationPolicies.stream()
                .filter(p -> p.namespace().equals(destination.namespace()) || p.namespace().equals(rootNamespace))
                .filter(p -> p.selector().selects(destination.labels()))
                .toList();
        Optional<String> denyHit = firstMatch(selected, AuthorizationPolicy.Action.DENY, peer, request);
        if (denyHit.isPresent()) {
            return new InboundDecision.Denied(denyHit.get());
        }
        boolean anyAllow = selected.stream().anyMatch(p -> p.action() == AuthorizationPolicy.Action.ALLOW);
        if (!anyAllow || firstMatch(selected, AuthorizationPolicy.Action.ALLOW, peer, request).isPresent()) {
            return new InboundDecision.Allowed(peer);
        }
        return new InboundDecision.Denied("none");
    }

    /** Envoy checks the RBAC policies in the lexicographic order of their names and reports the first match. */
    private static Optional<String> firstMatch(List<AuthorizationPolicy> policies, AuthorizationPolicy.Action action,
                                               Optional<Principal> peer, InboundRequest request) {
        TreeMap<String, Rule> byId = new TreeMap<>();
        for (AuthorizationPolicy policy : policies) {
            if (policy.action() == action) {
                for (int i = 0; i < policy.rules().size(); i++) {
                    byId.put(policy.ruleId(i), policy.rules().get(i));
                }
            }
        }
        return byId.entrySet().stream()
                .filter(e -> e.getValue().matches(peer, request))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
