package io.theatermsa.mesh.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbound side of a sidecar for PeerAuthentication and AuthorizationPolicy, decided from the policies of the
 * destination's own cluster (mesh-semantics §11). The policies are given, nothing is looked up; everything that does
 * not depend on the request is prepared once (per snapshot, or per workload on its first request), since
 * {@link #decide} runs for every attempt.
 */
public final class MeshSecurity {

    public static final String DEFAULT_ROOT_NAMESPACE = "istio-system";

    private static final Comparator<PeerAuthentication> OLDEST_FIRST = Comparator
            .comparing((PeerAuthentication p) -> p.created() == null ? Instant.MIN : p.created())
            .thenComparing(PeerAuthentication::name);

    private final String rootNamespace;
    private final List<PeerAuthentication> peerAuthentications;
    private final boolean enforcesNothing;
    /** Every DENY and every ALLOW rule, each in the order Envoy checks them: by rule id (§11.5). */
    private final List<RuleEntry> denyRules;
    private final List<RuleEntry> allowRules;
    /** The same rules as a TCP chain has them (§11.5): ALLOW rules with HTTP fields gone, DENY rules widened. */
    private final List<RuleEntry> tcpDenyRules;
    private final List<RuleEntry> tcpAllowRules;
    private final List<AuthorizationPolicy> allowPolicies;
    /** What applies to a workload, resolved on its first request: workloads are few, requests many. */
    private final ConcurrentHashMap<Workload, WorkloadView> views = new ConcurrentHashMap<>();

    public MeshSecurity(String rootNamespace, List<PeerAuthentication> peerAuthentications,
                        List<AuthorizationPolicy> authorizationPolicies) {
        this.rootNamespace = rootNamespace;
        this.peerAuthentications = List.copyOf(peerAuthentications);
        this.enforcesNothing = peerAuthentications.isEmpty() && authorizationPolicies.isEmpty();
        this.denyRules = rulesOf(authorizationPolicies, AuthorizationPolicy.Action.DENY);
        this.allowRules = rulesOf(authorizationPolicies, AuthorizationPolicy.Action.ALLOW);
        this.tcpDenyRules = onTcp(denyRules, AuthorizationPolicy.Action.DENY);
        this.tcpAllowRules = onTcp(allowRules, AuthorizationPolicy.Action.ALLOW);
        this.allowPolicies = authorizationPolicies.stream()
                .filter(p -> p.action() == AuthorizationPolicy.Action.ALLOW).toList();
    }

    public static MeshSecurity none() {
        return new MeshSecurity(DEFAULT_ROOT_NAMESPACE, List.of(), List.of());
    }

    /** One rule of a policy with Envoy's id for it. */
    private record RuleEntry(String id, AuthorizationPolicy policy, Rule rule) {
    }

    /**
     * A workload's resolved mTLS mode and the rules of the policies that select it.
     *
     * @param mtls          whether a caller's sidecar speaks mTLS to it (auto mTLS, §11.2)
     * @param allowSelected whether any ALLOW policy selects it, even one without rules
     */
    private record WorkloadView(MtlsMode mode, boolean mtls, List<RuleEntry> deny, List<RuleEntry> allow,
                                List<RuleEntry> tcpDeny, List<RuleEntry> tcpAllow, boolean allowSelected) {
    }

    private static List<RuleEntry> rulesOf(List<AuthorizationPolicy> policies, AuthorizationPolicy.Action action) {
        List<RuleEntry> entries = new ArrayList<>();
        for (AuthorizationPolicy policy : policies) {
            if (policy.action() == action) {
                for (int i = 0; i < policy.rules().size(); i++) {
                    entries.add(new RuleEntry(policy.ruleId(i), policy, policy.rules().get(i)));
                }
            }
        }
        entries.sort(Comparator.comparing(RuleEntry::id));
        return List.copyOf(entries);
    }

    private static List<RuleEntry> onTcp(List<RuleEntry> rules, AuthorizationPolicy.Action action) {
        List<RuleEntry> entries = new ArrayList<>();
        for (RuleEntry entry : rules) {
            entry.rule().onTcp(action).ifPresent(rule -> entries.add(new RuleEntry(entry.id(), entry.policy(), rule)));
        }
        return List.copyOf(entries);
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
     * One request (or TCP connection) to {@code destination}: the transport first (filter-chain match), then DENY,
     * then ALLOW (§11.4), with the rules as an HTTP or a TCP chain has them (§11.5).
     * With auto mTLS a caller's sidecar speaks mTLS unless the destination's namespace (or mesh) mode is DISABLE, or
     * its own resolved mode is (§11.2); so a workload STRICT in a DISABLE namespace gets plaintext from sidecars too.
     * A DestinationRule's {@code tls} overrides that choice: ISTIO_MUTUAL always, DISABLE never.
     */
    public InboundDecision decide(Workload destination, InboundRequest request) {
        if (enforcesNothing) {
            return new InboundDecision.Allowed(request.transport() == ClientTransport.PLAINTEXT
                    ? Optional.empty() : request.callerSidecar());
        }
        WorkloadView view = views.computeIfAbsent(destination, this::view);
        Optional<Principal> peer = switch (request.transport()) {
            case AUTO_MTLS -> view.mtls() ? request.callerSidecar() : Optional.empty();
            case ISTIO_MUTUAL -> request.callerSidecar();
            case PLAINTEXT -> Optional.empty();
        };
        if (peer.isPresent() && view.mode() == MtlsMode.DISABLE) {
            return new InboundDecision.TlsHandshakeFailed();
        }
        if (view.mode() == MtlsMode.STRICT && peer.isEmpty()) {
            return new InboundDecision.NoFilterChain();
        }
        boolean tcp = request.isTcp();
        String denyHit = firstMatch(tcp ? view.tcpDeny() : view.deny(), peer, request);
        if (denyHit != null) {
            return new InboundDecision.Denied(denyHit);
        }
        if (!view.allowSelected() || firstMatch(tcp ? view.tcpAllow() : view.allow(), peer, request) != null) {
            return new InboundDecision.Allowed(peer);
        }
        return new InboundDecision.Denied("none");
    }

    private WorkloadView view(Workload workload) {
        MtlsMode mode = modeFor(workload);
        return new WorkloadView(mode, namespaceMode(workload) != MtlsMode.DISABLE && mode != MtlsMode.DISABLE,
                selecting(denyRules, workload), selecting(allowRules, workload),
                selecting(tcpDenyRules, workload), selecting(tcpAllowRules, workload),
                allowPolicies.stream().anyMatch(p -> selects(p, workload)));
    }

    private List<RuleEntry> selecting(List<RuleEntry> rules, Workload workload) {
        return rules.stream().filter(entry -> selects(entry.policy(), workload)).toList();
    }

    private boolean selects(AuthorizationPolicy policy, Workload workload) {
        return (policy.namespace().equals(workload.namespace()) || policy.namespace().equals(rootNamespace))
               && policy.selector().selects(workload.labels());
    }

    /** Envoy reports the first matching rule by id; {@code null} when none matches. */
    private static String firstMatch(List<RuleEntry> rules, Optional<Principal> peer, InboundRequest request) {
        for (RuleEntry entry : rules) {
            if (entry.rule().matches(peer, request)) {
                return entry.id();
            }
        }
        return null;
    }
}
