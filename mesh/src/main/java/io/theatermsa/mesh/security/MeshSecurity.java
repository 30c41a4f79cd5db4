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
        MtlsMode mode = MtlsMode.PERMISSIVE;
        for (Optional<PeerAuthentication> level : List.of(
                oldest(rootNamespace, false, workload),
                workload.namespace().equals(rootNamespace)
                        ? Optional.<PeerAuthentication>empty() : oldest(workload.namespace(), false, workload),
                workload.namespace().equals(rootNamespace)
                        ? Optional.<PeerAuthentication>empty() : oldest(workload.namespace(), true, workload))) {
            MtlsMode levelMode = level.map(PeerAuthentication::mode).orElse(MtlsMode.UNSET);
            if (levelMode != MtlsMode.UNSET) {
                mode = levelMode;
            }
        }
        return mode;
    }

    private Optional<PeerAuthentication> oldest(String namespace, boolean withSelector, Workload workload) {
        return peerAuthentications.stream()
                .filter(p -> p.namespace().equals(namespace))
                .filter(p -> withSelector
                        ? !p.selector().isEmpty() && p.selector().selects(workload.labels())
                        : p.selector().isEmpty())
                .min(OLDEST_FIRST);
    }

    /**
     * One request to {@code destination}: the mTLS mode first (filter-chain match), then DENY, then ALLOW (§11.4).
     * With auto mTLS a caller's sidecar speaks mTLS unless the destination's mode is DISABLE (§11.2).
     */
    public InboundDecision decide(Workload destination, InboundRequest request) {
        MtlsMode mode = modeFor(destination);
        Optional<Principal> peer = mode == MtlsMode.DISABLE ? Optional.empty() : request.callerSidecar();
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
