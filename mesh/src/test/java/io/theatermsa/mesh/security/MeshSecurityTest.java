package io.theatermsa.mesh.security;

import io.theatermsa.mesh.security.AuthorizationPolicy.Action;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per fact of mesh-semantics §11 that the inbound sidecar decides. */
class MeshSecurityTest {

    private static final String NS = "theater-msa";
    private static final Workload USER = new Workload(NS, Map.of("app", "user-service", "cluster", "ctx1"));
    private static final Principal GATEWAY = Principal.of(NS, "api-gateway");
    private static final Principal BOOKING = Principal.of(NS, "booking-service");

    private static InboundRequest fromSidecar(Principal caller, String method, String path) {
        return new InboundRequest(Optional.of(caller), ClientTransport.AUTO_MTLS, 8081, method, path);
    }

    private static InboundRequest plain(String method, String path) {
        return InboundRequest.withoutSidecar(8081, method, path);
    }

    private static PeerAuthentication pa(String ns, String name, Selector selector, MtlsMode mode) {
        return new PeerAuthentication(ns, name, null, selector, mode);
    }

    private static MeshSecurity peers(PeerAuthentication... pas) {
        return new MeshSecurity(MeshSecurity.DEFAULT_ROOT_NAMESPACE, List.of(pas), List.of());
    }

    private static MeshSecurity policies(AuthorizationPolicy... aps) {
        return new MeshSecurity(MeshSecurity.DEFAULT_ROOT_NAMESPACE, List.of(), List.of(aps));
    }

    private static AuthorizationPolicy ap(String name, Action action, Rule... rules) {
        return new AuthorizationPolicy(NS, name, new Selector(Map.of("app", "user-service")), action, List.of(rules));
    }

    private static Rule fromPrincipals(String... principals) {
        return new Rule(List.of(new Source(List.of(principals), List.of(), List.of(), List.of())), List.of());
    }

    private static Rule to(List<String> methods, List<String> paths) {
        return new Rule(List.of(), List.of(new Operation(methods, List.of(), paths, List.of(), List.of(), List.of())));
    }

    private static final Rule ANYTHING = new Rule(List.of(), List.of());

    @Test
    void withoutAnyPolicyTheModeIsPermissiveAndAPlainCallerHasNoPrincipal() {
        MeshSecurity none = MeshSecurity.none();

        assertThat(none.modeFor(USER)).isEqualTo(MtlsMode.PERMISSIVE);
        assertThat(none.decide(USER, plain("GET", "/users/1"))).isEqualTo(new InboundDecision.Allowed(Optional.empty()));
        assertThat(none.decide(USER, fromSidecar(GATEWAY, "GET", "/users/1")))
                .isEqualTo(new InboundDecision.Allowed(Optional.of(GATEWAY)));
    }

    @Test
    void strictRefusesACallerWithoutSidecarAndAcceptsASidecarWithItsIdentity() {
        MeshSecurity strict = peers(pa(NS, "default", Selector.NONE, MtlsMode.STRICT));

        assertThat(strict.decide(USER, plain("GET", "/users/1"))).isEqualTo(new InboundDecision.NoFilterChain());
        assertThat(strict.decide(USER, fromSidecar(GATEWAY, "GET", "/users/1")))
                .isEqualTo(new InboundDecision.Allowed(Optional.of(GATEWAY)));
    }

    @Test
    void disableMakesEvenASidecarCallerPlaintextSoItHasNoPrincipal() {
        MeshSecurity disabled = peers(pa(NS, "default", Selector.NONE, MtlsMode.DISABLE));

        assertThat(disabled.decide(USER, fromSidecar(GATEWAY, "GET", "/users/1")))
                .isEqualTo(new InboundDecision.Allowed(Optional.empty()));
    }

    @Test
    void aStrictWorkloadInADisableNamespaceGetsPlaintextFromSidecarsAndFindsNoFilterChain() {
        MeshSecurity security = peers(pa(NS, "ns", Selector.NONE, MtlsMode.DISABLE),
                pa(NS, "user", new Selector(Map.of("app", "user-service")), MtlsMode.STRICT));

        assertThat(security.modeFor(USER)).isEqualTo(MtlsMode.STRICT);
        assertThat(security.decide(USER, fromSidecar(GATEWAY, "GET", "/users/1")))
                .as("§11.2a auto mTLS reads the namespace's DISABLE").isEqualTo(new InboundDecision.NoFilterChain());
    }

    private static InboundRequest fromSidecar(Principal caller, ClientTransport transport) {
        return new InboundRequest(Optional.of(caller), transport, 8081, "GET", "/users/1");
    }

    @Test
    void aDestinationRuleDisableMakesTheSidecarSendPlaintextWhichStrictDoesNotAccept() {
        MeshSecurity strict = peers(pa(NS, "default", Selector.NONE, MtlsMode.STRICT));

        assertThat(strict.decide(USER, fromSidecar(GATEWAY, ClientTransport.PLAINTEXT)))
                .as("§11.3: plaintext from a sidecar to STRICT finds no filter chain")
                .isEqualTo(new InboundDecision.NoFilterChain());
        assertThat(peers().decide(USER, fromSidecar(GATEWAY, ClientTransport.PLAINTEXT)))
                .as("PERMISSIVE takes the plaintext, without a principal")
                .isEqualTo(new InboundDecision.Allowed(Optional.empty()));
        assertThat(peers(pa(NS, "default", Selector.NONE, MtlsMode.PERMISSIVE))
                .decide(USER, fromSidecar(GATEWAY, ClientTransport.PLAINTEXT)))
                .isEqualTo(new InboundDecision.Allowed(Optional.empty()));
    }

    @Test
    void plaintextFromASidecarMatchesNoPrincipalRuleSoAnAllowListDenies() {
        MeshSecurity allowGateway = policies(ap("allow-gw", Action.ALLOW, fromPrincipals(GATEWAY.text())));

        assertThat(allowGateway.decide(USER, fromSidecar(GATEWAY, ClientTransport.AUTO_MTLS)))
                .isInstanceOf(InboundDecision.Allowed.class);
        assertThat(allowGateway.decide(USER, fromSidecar(GATEWAY, ClientTransport.PLAINTEXT)))
                .as("§11.6: principals need mTLS").isEqualTo(new InboundDecision.Denied("none"));
    }

    @Test
    void istioMutualOverridesAutoMtlsBothWays() {
        MeshSecurity namespaceDisabled = peers(pa(NS, "ns", Selector.NONE, MtlsMode.DISABLE),
                pa(NS, "user", new Selector(Map.of("app", "user-service")), MtlsMode.STRICT));

        assertThat(namespaceDisabled.decide(USER, fromSidecar(GATEWAY, ClientTransport.ISTIO_MUTUAL)))
                .as("§11.2: a DR tls block overrides auto mTLS, which would have sent plaintext here")
                .isEqualTo(new InboundDecision.Allowed(Optional.of(GATEWAY)));
        assertThat(peers(pa(NS, "default", Selector.NONE, MtlsMode.DISABLE))
                .decide(USER, fromSidecar(GATEWAY, ClientTransport.ISTIO_MUTUAL)))
                .as("§11.3: mTLS to a DISABLE pod fails the handshake")
                .isEqualTo(new InboundDecision.TlsHandshakeFailed());
    }

    @Test
    void aCallerWithoutSidecarCannotClaimMtls() {
        assertThatThrownBy(() -> new InboundRequest(Optional.empty(), ClientTransport.AUTO_MTLS, 8081, "GET", "/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final Workload REDIS = new Workload(NS, Map.of("app", "redis", "cluster", "ctx2"));

    private static InboundRequest tcpFrom(Principal caller, int port) {
        return InboundRequest.connection(caller, ClientTransport.AUTO_MTLS, port);
    }

    private static AuthorizationPolicy onRedis(String name, Action action, Rule... rules) {
        return new AuthorizationPolicy(NS, name, new Selector(Map.of("app", "redis")), action, List.of(rules));
    }

    @Test
    void lessonNinesRedisPolicyAllowsTheServicesOnTheirPortOnly() {
        Rule services = new Rule(List.of(new Source(List.of("cluster.local/ns/theater-msa/sa/user-service",
                "cluster.local/ns/theater-msa/sa/booking-service"), List.of(), List.of(), List.of())),
                List.of(new Operation(List.of(), List.of(), List.of(), List.of(), List.of(6379), List.of())));
        MeshSecurity redis = policies(onRedis("redis", Action.ALLOW, services));

        assertThat(redis.decide(REDIS, tcpFrom(BOOKING, 6379))).isInstanceOf(InboundDecision.Allowed.class);
        assertThat(redis.decide(REDIS, tcpFrom(GATEWAY, 6379))).isEqualTo(new InboundDecision.Denied("none"));
        assertThat(redis.decide(REDIS, tcpFrom(BOOKING, 26379))).isEqualTo(new InboundDecision.Denied("none"));
    }

    @Test
    void onTcpAnAllowRuleWithHttpFieldsGrantsNothing() {
        MeshSecurity redis = policies(onRedis("get-only", Action.ALLOW, to(List.of("GET"), List.of())));

        assertThat(redis.decide(REDIS, tcpFrom(BOOKING, 6379)))
                .as("§11.5 the rule is dropped whole, so the ALLOW filter denies every connection")
                .isEqualTo(new InboundDecision.Denied("none"));
        assertThat(redis.decide(REDIS, fromSidecar(BOOKING, "GET", "/"))).as("on HTTP the rule still allows")
                .isInstanceOf(InboundDecision.Allowed.class);
    }

    @Test
    void onTcpADenyRuleLosesItsHttpFieldsAndDeniesMore() {
        MeshSecurity redis = policies(onRedis("no-delete", Action.DENY, to(List.of("DELETE"), List.of())));

        assertThat(redis.decide(REDIS, tcpFrom(BOOKING, 6379)))
                .as("§11.5 the DENY widens to every connection")
                .isEqualTo(new InboundDecision.Denied("ns[theater-msa]-policy[no-delete]-rule[0]"));
        assertThat(redis.decide(REDIS, fromSidecar(BOOKING, "GET", "/"))).isInstanceOf(InboundDecision.Allowed.class);
    }

    @Test
    void aDisableWorkloadGetsPlaintextEvenInAStrictNamespace() {
        MeshSecurity security = peers(pa(NS, "ns", Selector.NONE, MtlsMode.STRICT),
                pa(NS, "user", new Selector(Map.of("app", "user-service")), MtlsMode.DISABLE));

        assertThat(security.decide(USER, fromSidecar(GATEWAY, "GET", "/users/1")))
                .isEqualTo(new InboundDecision.Allowed(Optional.empty()));
    }

    @Test
    void levelsResolveMeshThenNamespaceThenWorkloadAndUnsetInherits() {
        PeerAuthentication mesh = pa("istio-system", "mesh", Selector.NONE, MtlsMode.STRICT);
        PeerAuthentication namespace = pa(NS, "ns", Selector.NONE, MtlsMode.DISABLE);
        PeerAuthentication workload = pa(NS, "user", new Selector(Map.of("app", "user-service")), MtlsMode.STRICT);
        PeerAuthentication unset = pa(NS, "user", new Selector(Map.of("app", "user-service")), MtlsMode.UNSET);
        Workload movie = new Workload(NS, Map.of("app", "movie-service"));

        assertThat(peers(mesh).modeFor(USER)).isEqualTo(MtlsMode.STRICT);
        assertThat(peers(mesh, namespace).modeFor(USER)).isEqualTo(MtlsMode.DISABLE);
        assertThat(peers(mesh, namespace, workload).modeFor(USER)).isEqualTo(MtlsMode.STRICT);
        assertThat(peers(mesh, namespace, workload).modeFor(movie)).isEqualTo(MtlsMode.DISABLE);
        assertThat(peers(mesh, namespace, unset).modeFor(USER)).isEqualTo(MtlsMode.DISABLE);
        assertThat(peers(pa(NS, "ns", Selector.NONE, MtlsMode.UNSET)).modeFor(USER)).isEqualTo(MtlsMode.PERMISSIVE);
    }

    @Test
    void aSelectorInTheRootNamespaceIsIgnoredForPeerAuthentication() {
        PeerAuthentication rootWithSelector = pa("istio-system", "user", new Selector(Map.of("app", "user-service")),
                MtlsMode.STRICT);

        assertThat(peers(rootWithSelector).modeFor(USER)).isEqualTo(MtlsMode.PERMISSIVE);
    }

    @Test
    void theOldestPolicyOfALevelWins() {
        PeerAuthentication older = new PeerAuthentication(NS, "zz-older", Instant.parse("2026-01-01T00:00:00Z"),
                Selector.NONE, MtlsMode.STRICT);
        PeerAuthentication newer = new PeerAuthentication(NS, "aa-newer", Instant.parse("2026-02-01T00:00:00Z"),
                Selector.NONE, MtlsMode.DISABLE);

        assertThat(peers(newer, older).modeFor(USER)).isEqualTo(MtlsMode.STRICT);
    }

    @Test
    void aDenyOnMethodAndPathAnswers403WithTheMatchedRuleInTheDetails() {
        MeshSecurity deny = policies(ap("no-delete", Action.DENY, to(List.of("DELETE"), List.of("/users/*"))));

        InboundDecision decision = deny.decide(USER, fromSidecar(GATEWAY, "DELETE", "/users/7"));

        assertThat(decision).isEqualTo(new InboundDecision.Denied("ns[theater-msa]-policy[no-delete]-rule[0]"));
        assertThat(((InboundDecision.Denied) decision).details())
                .isEqualTo("rbac_access_denied_matched_policy[ns[theater-msa]-policy[no-delete]-rule[0]]");
        assertThat(InboundDecision.Denied.STATUS).isEqualTo(403);
        assertThat(InboundDecision.Denied.BODY).isEqualTo("RBAC: access denied").hasSize(19);
        assertThat(deny.decide(USER, fromSidecar(GATEWAY, "GET", "/users/7")))
                .isInstanceOf(InboundDecision.Allowed.class);
    }

    @Test
    void denyIsEvaluatedBeforeAllow() {
        MeshSecurity both = policies(ap("allow-all", Action.ALLOW, ANYTHING),
                ap("deny-gateway", Action.DENY, fromPrincipals(GATEWAY.text())));

        assertThat(both.decide(USER, fromSidecar(GATEWAY, "GET", "/users/1")))
                .isEqualTo(new InboundDecision.Denied("ns[theater-msa]-policy[deny-gateway]-rule[0]"));
    }

    @Test
    void withAnAllowPolicyARequestNoRuleMatchesIsDeniedWithNone() {
        MeshSecurity allowGateway = policies(ap("user-service", Action.ALLOW, fromPrincipals(GATEWAY.text())));

        assertThat(allowGateway.decide(USER, fromSidecar(GATEWAY, "POST", "/users")))
                .isInstanceOf(InboundDecision.Allowed.class);
        InboundDecision denied = allowGateway.decide(USER, fromSidecar(BOOKING, "POST", "/users"));
        assertThat(denied).isEqualTo(new InboundDecision.Denied("none"));
        assertThat(((InboundDecision.Denied) denied).details()).isEqualTo("rbac_access_denied_matched_policy[none]");
    }

    @Test
    void anAllowPolicyWithoutRulesDeniesEverythingAndOneEmptyRuleAllowsEverything() {
        assertThat(policies(ap("allow-nothing", Action.ALLOW)).decide(USER, fromSidecar(GATEWAY, "GET", "/")))
                .isEqualTo(new InboundDecision.Denied("none"));
        assertThat(policies(ap("allow-all", Action.ALLOW, ANYTHING)).decide(USER, plain("GET", "/")))
                .isInstanceOf(InboundDecision.Allowed.class);
        assertThat(policies(ap("deny-all", Action.DENY, ANYTHING)).decide(USER, plain("GET", "/")))
                .isEqualTo(new InboundDecision.Denied("ns[theater-msa]-policy[deny-all]-rule[0]"));
    }

    @Test
    void principalsNeedMtlsSoPlaintextMissesAllowAndBypassesDenyButMatchesNotPrincipals() {
        assertThat(policies(ap("allow-gw", Action.ALLOW, fromPrincipals(GATEWAY.text())))
                .decide(USER, plain("GET", "/users/1"))).isEqualTo(new InboundDecision.Denied("none"));
        assertThat(policies(ap("deny-any-principal", Action.DENY, fromPrincipals("*")))
                .decide(USER, plain("GET", "/users/1"))).isInstanceOf(InboundDecision.Allowed.class);
        Rule notGateway = new Rule(List.of(new Source(List.of(), List.of(GATEWAY.text()), List.of(), List.of())),
                List.of());
        assertThat(policies(ap("deny-not-gw", Action.DENY, notGateway)).decide(USER, plain("GET", "/users/1")))
                .isEqualTo(new InboundDecision.Denied("ns[theater-msa]-policy[deny-not-gw]-rule[0]"));
        assertThat(policies(ap("deny-not-gw", Action.DENY, notGateway))
                .decide(USER, fromSidecar(GATEWAY, "GET", "/users/1"))).isInstanceOf(InboundDecision.Allowed.class);
    }

    @Test
    void namespacesMatchThePeerNamespaceWithStarAsAnyTextAndNeedMtls() {
        Rule fromTheater = new Rule(List.of(new Source(List.of(), List.of(), List.of("theater-*"), List.of())),
                List.of());
        MeshSecurity allow = policies(ap("same-ns", Action.ALLOW, fromTheater));

        assertThat(allow.decide(USER, fromSidecar(GATEWAY, "GET", "/"))).isInstanceOf(InboundDecision.Allowed.class);
        assertThat(allow.decide(USER, fromSidecar(Principal.of("default", "probe"), "GET", "/")))
                .isEqualTo(new InboundDecision.Denied("none"));
        assertThat(allow.decide(USER, plain("GET", "/"))).isEqualTo(new InboundDecision.Denied("none"));
    }

    @Test
    void valuesMatchExactlyOrByPrefixOrSuffixAndAStarInTheMiddleIsLiteral() {
        assertThat(ValueMatch.one("/users/*", "/users/1")).isTrue();
        assertThat(ValueMatch.one("/users/*", "/users")).isFalse();
        assertThat(ValueMatch.one("*/sa/api-gateway", GATEWAY.text())).isTrue();
        assertThat(ValueMatch.one("*", "x")).isTrue();
        assertThat(ValueMatch.one("*", "")).isFalse();
        assertThat(ValueMatch.one("cluster.local/ns/*/sa/api-gateway", GATEWAY.text())).isFalse();
        assertThat(ValueMatch.one("/users", "/users/")).isFalse();
    }

    @Test
    void eachWorkloadKeepsItsOwnDecisionWhenOneSecurityServesSeveral() {
        MeshSecurity deny = policies(ap("deny-user", Action.DENY, ANYTHING));
        Workload movie = new Workload(NS, Map.of("app", "movie-service"));
        Workload otherNamespace = new Workload("shop", Map.of("app", "user-service"));

        assertThat(deny.decide(USER, plain("GET", "/"))).isInstanceOf(InboundDecision.Denied.class);
        assertThat(deny.decide(movie, plain("GET", "/"))).isInstanceOf(InboundDecision.Allowed.class);
        assertThat(deny.decide(otherNamespace, plain("GET", "/"))).isInstanceOf(InboundDecision.Allowed.class);
        assertThat(deny.decide(USER, plain("GET", "/"))).isInstanceOf(InboundDecision.Denied.class);
    }

    @Test
    void everyStarOfANamespaceValueStandsForAnyText() {
        assertThat(ValueMatch.glob("theater-*", "theater-msa")).isTrue();
        assertThat(ValueMatch.glob("*-m*a", "theater-msa")).isTrue();
        assertThat(ValueMatch.glob("t*r*-m*", "theater-msa")).isTrue();
        assertThat(ValueMatch.glob("*", "")).isTrue();
        assertThat(ValueMatch.glob("theater", "theater-msa")).isFalse();
        assertThat(ValueMatch.glob("*-shop", "theater-msa")).isFalse();
        assertThat(ValueMatch.glob("t*x*a", "theater-msa")).isFalse();
    }

    @Test
    void aPatternWithAStarAtBothEndsIsASuffixMatchAsInIstio() {
        assertThat(ValueMatch.one("*abc*", "xabc*")).isTrue();
        assertThat(ValueMatch.one("*abc*", "*abcdef")).isFalse();
    }

    @Test
    void methodsAreCaseSensitiveAndPathsLoseTheirQuery() {
        MeshSecurity deny = policies(ap("deny-get-users", Action.DENY, to(List.of("GET"), List.of("/users/*"))));

        assertThat(deny.decide(USER, fromSidecar(GATEWAY, "GET", "/users/1?verbose=1#top")))
                .isInstanceOf(InboundDecision.Denied.class);
        assertThat(policies(ap("deny-lower", Action.DENY, to(List.of("get"), List.of())))
                .decide(USER, fromSidecar(GATEWAY, "GET", "/users/1"))).isInstanceOf(InboundDecision.Allowed.class);
    }

    @Test
    void aDenyOnAPathCannotBeDodgedWithDotSegments() {
        MeshSecurity deny = policies(ap("no-admin", Action.DENY, to(List.of(), List.of("/admin/*"))));

        assertThat(deny.decide(USER, fromSidecar(GATEWAY, "GET", "/public/../admin/users")))
                .as("§11.5 paths are matched after BASE normalization").isInstanceOf(InboundDecision.Denied.class);
        assertThat(deny.decide(USER, fromSidecar(GATEWAY, "GET", "/public/..%2Fadmin/users")))
                .as("percent-encoded slashes are left as sent").isInstanceOf(InboundDecision.Allowed.class);
    }

    @Test
    void portsCompareWithTheWorkloadPort() {
        Rule onOtherPort = new Rule(List.of(), List.of(new Operation(List.of(), List.of(), List.of(), List.of(),
                List.of(6379), List.of())));

        assertThat(policies(ap("deny-6379", Action.DENY, onOtherPort)).decide(USER, plain("GET", "/")))
                .isInstanceOf(InboundDecision.Allowed.class);
        assertThat(policies(ap("deny-6379", Action.DENY, onOtherPort))
                .decide(USER, InboundRequest.withoutSidecar(6379, "GET", "/")))
                .isInstanceOf(InboundDecision.Denied.class);
    }

    @Test
    void theFirstMatchIsReportedInTheLexicographicOrderOfRuleIds() {
        Rule[] rules = new Rule[11];
        java.util.Arrays.fill(rules, ANYTHING);

        assertThat(policies(ap("many", Action.DENY, rules)).decide(USER, plain("GET", "/")))
                .isEqualTo(new InboundDecision.Denied("ns[theater-msa]-policy[many]-rule[0]"));
        assertThat(policies(ap("b", Action.DENY, ANYTHING), ap("a", Action.DENY, ANYTHING))
                .decide(USER, plain("GET", "/"))).isEqualTo(new InboundDecision.Denied("ns[theater-msa]-policy[a]-rule[0]"));
        Rule[] tenth = new Rule[11];
        java.util.Arrays.fill(tenth, to(List.of("PUT"), List.of()));
        tenth[2] = ANYTHING;
        tenth[10] = ANYTHING;
        assertThat(policies(ap("order", Action.DENY, tenth)).decide(USER, plain("GET", "/")))
                .isEqualTo(new InboundDecision.Denied("ns[theater-msa]-policy[order]-rule[10]"));
    }

    @Test
    void rootNamespacePoliciesApplyInEveryNamespaceAndOtherNamespacesDoNot() {
        AuthorizationPolicy rootDeny = new AuthorizationPolicy("istio-system", "deny-users",
                new Selector(Map.of("app", "user-service")), Action.DENY, List.of(ANYTHING));
        AuthorizationPolicy otherNs = new AuthorizationPolicy("default", "deny-all", Selector.NONE, Action.DENY,
                List.of(ANYTHING));

        assertThat(policies(rootDeny).decide(USER, plain("GET", "/")))
                .isEqualTo(new InboundDecision.Denied("ns[istio-system]-policy[deny-users]-rule[0]"));
        assertThat(policies(otherNs).decide(USER, plain("GET", "/"))).isInstanceOf(InboundDecision.Allowed.class);
    }

    @Test
    void aSelectorMustBeASubsetOfThePodLabels() {
        AuthorizationPolicy movieOnly = new AuthorizationPolicy(NS, "deny-movie",
                new Selector(Map.of("app", "movie-service")), Action.DENY, List.of(ANYTHING));

        assertThat(policies(movieOnly).decide(USER, plain("GET", "/"))).isInstanceOf(InboundDecision.Allowed.class);
    }
}
