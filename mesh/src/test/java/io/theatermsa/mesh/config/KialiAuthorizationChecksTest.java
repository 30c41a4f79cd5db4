package io.theatermsa.mesh.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kiali's AuthorizationPolicy checks that need no inventory of workloads, as the loader reports them: KIA0102
 * (methods) and KIA0105 (a peer field while the selected workloads do not receive mTLS). Cases are derived from
 * kiali/kiali's {@code business/checkers/authorization/namespace_method_checker_test.go} and
 * {@code mtls_enabled_checker_test.go}: the policy selects {@code app: ratings} in {@code shop}, whose Service
 * {@code ratings} selects {@code app: ratings}; auto mTLS is on unless the {@code istio} ConfigMap turns it off.
 */
class KialiAuthorizationChecksTest {

    /** {@code paths} are every field the code is reported at, in order; empty means the code is not reported. */
    record Case(String name, String yaml, Code code, List<String> paths) {
        @Override
        public String toString() {
            return code.upstream() + ": " + name;
        }
    }

    private static final ServiceCatalog CATALOG = new ServiceCatalog() {
        @Override
        public boolean serves(HostName host) {
            return host.equals(new HostName("ratings", "shop"));
        }

        @Override
        public Map<String, Map<String, String>> selectors(String namespace) {
            return namespace.equals("shop") ? Map.of("ratings", Map.of("app", "ratings")) : Map.of();
        }
    };

    private static String policy(String rules) {
        return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
               + "metadata: {name: policy, namespace: shop}\nspec:\n  selector: {matchLabels: {app: ratings}}\n"
               + "  rules: " + rules + "\n---\n";
    }

    private static String methods(String list) {
        return policy("[{to: [{operation: {methods: " + list + "}}]}]");
    }

    private static String pa(String namespace, String name, String selector, String mode) {
        return "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: " + name
               + ", namespace: " + namespace + "}\nspec:\n"
               + (selector.isEmpty() ? "" : "  selector: " + selector + "\n")
               + "  mtls: {mode: " + mode + "}\n---\n";
    }

    private static String dr(String namespace, String name, String host, String mode) {
        return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: " + name + ", namespace: "
               + namespace + "}\nspec:\n  host: '" + host + "'\n  trafficPolicy: {tls: {mode: " + mode + "}}\n---\n";
    }

    private static final String FROM_PRINCIPAL =
            policy("[{from: [{source: {principals: [cluster.local/ns/shop/sa/web]}}]}]");
    private static final String FROM_NAMESPACE = policy("[{from: [{source: {namespaces: [shop]}}]}]");
    private static final String TO_ONLY = policy("[{to: [{operation: {methods: [GET]}}]}]");
    private static final List<String> PRINCIPALS = List.of("spec.rules[0].from[0].source.principals");
    private static final String NS_STRICT = pa("shop", "default", "", "STRICT");
    private static final String NS_PERMISSIVE = pa("shop", "default", "", "PERMISSIVE");
    private static final String NS_MUTUAL = dr("shop", "default", "*.shop.svc.cluster.local", "ISTIO_MUTUAL");
    private static final String MESH_STRICT = pa("istio-system", "default", "", "STRICT");
    private static final String MESH_MUTUAL = dr("istio-system", "default", "*.local", "ISTIO_MUTUAL");
    private static final String WORKLOAD = "{matchLabels: {app: ratings}}";

    /** The same configuration with auto mTLS on and off, with the fields expected for each. */
    private static List<Case> both(String name, String yaml, List<String> withAuto, List<String> withoutAuto) {
        return List.of(new Case(name + " (auto mTLS on)", yaml, Code.AUTHORIZATION_NEEDS_MTLS, withAuto),
                       new Case(name + " (auto mTLS off)", KialiMtlsChecksTest.AUTO_MTLS_OFF + yaml,
                                Code.AUTHORIZATION_NEEDS_MTLS, withoutAuto));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                // KIA0102: namespace_method_checker_test.go
                new Case("HTTP methods and gRPC names", methods("[GET, POST, GOT, WRONG, /grpc.pkg.Svc/Call, "
                        + "grpc.pkg/Call]"), Code.WRONG_METHOD, List.of("spec.rules[0].to[0].operation.methods[2]",
                        "spec.rules[0].to[0].operation.methods[3]", "spec.rules[0].to[0].operation.methods[4]",
                        "spec.rules[0].to[0].operation.methods[5]")),
                new Case("presence, blanks and case are accepted", methods("['*', ' * ', get, PUT]"),
                        Code.WRONG_METHOD, List.of()),
                new Case("prefix and suffix matches of a method", methods("['GET*', 'G*', '*ET', '*POST']"),
                        Code.WRONG_METHOD, List.of()),
                new Case("wildcards matching no method, and one at both ends",
                        methods("['*', GOT, WRONG, 'GOT*', '*WRONG', '*BAD*']"), Code.WRONG_METHOD,
                        List.of("spec.rules[0].to[0].operation.methods[1]",
                                "spec.rules[0].to[0].operation.methods[2]",
                                "spec.rules[0].to[0].operation.methods[3]",
                                "spec.rules[0].to[0].operation.methods[4]",
                                "spec.rules[0].to[0].operation.methods[5]")),
                new Case("notMethods are not checked", policy("[{to: [{operation: {notMethods: [GOT]}}]}]"),
                        Code.WRONG_METHOD, List.of()),
                // KIA0105: which fields need mTLS (TestNeedsIdentities), with mTLS off mesh-wide
                new Case("principals, notPrincipals, namespaces and notNamespaces, in Kiali's order",
                        pa("istio-system", "default", "", "DISABLE") + policy("[{from: [{source: {namespaces: [a], "
                        + "principals: [x]}}, {source: {notNamespaces: [b], notPrincipals: [y]}}]}]"),
                        Code.AUTHORIZATION_NEEDS_MTLS, List.of("spec.rules[0].from[0].source.principals",
                        "spec.rules[0].from[0].source.namespaces", "spec.rules[0].from[1].source.notPrincipals",
                        "spec.rules[0].from[1].source.notNamespaces")),
                new Case("when on source.namespace, source.principal or connection.sni; not on other keys",
                        pa("istio-system", "default", "", "DISABLE") + policy("[{when: [{key: source.namespace, "
                        + "values: [a]}, {key: 'request.headers[x]', values: [b]}, "
                        + "{key: source.principal, values: [c]}, "
                        + "{key: connection.sni, values: [d]}]}, {from: [{source: {ipBlocks: [1.2.3.4]}}]}]"),
                        Code.AUTHORIZATION_NEEDS_MTLS, List.of("spec.rules[0].when[0]", "spec.rules[0].when[2]",
                        "spec.rules[0].when[3]"))));
        // KIA0105: mtls_enabled_checker_test.go, the statuses of util/mtls/status.go
        cases.addAll(both("no PeerAuthentication or DestinationRule", FROM_PRINCIPAL, List.of(), PRINCIPALS));
        cases.addAll(both("a STRICT namespace PeerAuthentication alone", NS_STRICT + FROM_PRINCIPAL, List.of(),
                          PRINCIPALS));
        cases.addAll(both("a PERMISSIVE namespace PeerAuthentication alone", NS_PERMISSIVE + FROM_PRINCIPAL,
                          List.of(), PRINCIPALS));
        cases.addAll(both("STRICT and a namespace-wide ISTIO_MUTUAL rule", NS_STRICT + NS_MUTUAL + FROM_PRINCIPAL,
                          List.of(), List.of()));
        cases.addAll(both("a namespace-wide ISTIO_MUTUAL rule alone", NS_MUTUAL + FROM_PRINCIPAL, List.of(),
                          PRINCIPALS));
        cases.addAll(both("a DISABLE namespace PeerAuthentication", pa("shop", "default", "", "DISABLE")
                          + FROM_PRINCIPAL, PRINCIPALS, PRINCIPALS));
        cases.addAll(both("a DISABLE namespace PeerAuthentication, a policy without peer fields",
                          pa("shop", "default", "", "DISABLE") + TO_ONLY, List.of(), List.of()));
        cases.addAll(both("a namespace-wide DISABLE rule", dr("shop", "default", "*.shop.svc.cluster.local",
                          "DISABLE") + FROM_PRINCIPAL, PRINCIPALS, PRINCIPALS));
        cases.addAll(both("a DISABLE mesh PeerAuthentication", pa("istio-system", "default", "", "DISABLE")
                          + FROM_PRINCIPAL, PRINCIPALS, PRINCIPALS));
        cases.addAll(both("a mesh-wide DISABLE rule", dr("istio-system", "default", "*.local", "DISABLE")
                          + FROM_PRINCIPAL, PRINCIPALS, PRINCIPALS));
        cases.addAll(both("a STRICT mesh PeerAuthentication alone", MESH_STRICT + FROM_PRINCIPAL, List.of(),
                          PRINCIPALS));
        cases.addAll(both("a mesh-wide ISTIO_MUTUAL rule alone", MESH_MUTUAL + FROM_PRINCIPAL, List.of(),
                          PRINCIPALS));
        cases.addAll(both("a STRICT mesh PeerAuthentication and a mesh-wide ISTIO_MUTUAL rule", MESH_STRICT
                          + MESH_MUTUAL + FROM_PRINCIPAL, List.of(), List.of()));
        cases.addAll(both("a PERMISSIVE mesh PeerAuthentication alone, namespaces",
                          pa("istio-system", "default", "", "PERMISSIVE") + FROM_NAMESPACE, List.of(),
                          List.of("spec.rules[0].from[0].source.namespaces")));
        cases.addAll(both("a PERMISSIVE namespace under a mesh-wide ISTIO_MUTUAL rule: permissive is not inherited",
                          NS_PERMISSIVE + MESH_MUTUAL + FROM_PRINCIPAL, List.of(), PRINCIPALS));
        cases.addAll(both("a STRICT namespace under a mesh-wide ISTIO_MUTUAL rule", NS_STRICT + MESH_MUTUAL
                          + FROM_PRINCIPAL, List.of(), List.of()));
        cases.addAll(both("mTLS on mesh-wide, disabled for the namespace", MESH_STRICT + MESH_MUTUAL
                          + pa("shop", "default", "", "DISABLE") + FROM_PRINCIPAL, PRINCIPALS, PRINCIPALS));
        cases.addAll(both("a PERMISSIVE namespace, a STRICT PeerAuthentication for the workload", NS_PERMISSIVE
                          + pa("shop", "ratings", WORKLOAD, "STRICT") + FROM_PRINCIPAL, List.of(), List.of()));
        cases.addAll(both("a STRICT namespace, a DISABLE PeerAuthentication for the workload", NS_STRICT + NS_MUTUAL
                          + pa("shop", "ratings", WORKLOAD, "DISABLE") + FROM_PRINCIPAL, PRINCIPALS, PRINCIPALS));
        cases.addAll(both("a PERMISSIVE workload whose Service's rule is ISTIO_MUTUAL", NS_STRICT
                          + pa("shop", "ratings", WORKLOAD, "PERMISSIVE") + dr("shop", "ratings", "ratings",
                          "ISTIO_MUTUAL") + FROM_PRINCIPAL, List.of(), List.of()));
        cases.addAll(both("a PERMISSIVE workload whose Service's rule is DISABLE", NS_STRICT + NS_MUTUAL
                          + pa("shop", "ratings", WORKLOAD, "PERMISSIVE") + dr("shop", "ratings",
                          "ratings.shop.svc.cluster.local", "DISABLE") + FROM_PRINCIPAL, PRINCIPALS, PRINCIPALS));
        cases.addAll(both("a PeerAuthentication for another workload does not count", NS_STRICT + NS_MUTUAL
                          + pa("shop", "details", "{matchLabels: {app: details}}", "DISABLE") + FROM_PRINCIPAL,
                          List.of(), List.of()));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatKialiReports(Case c) {
        LoadedConfig result = new MeshConfigLoader("shop", CATALOG).load("kiali-authz.yaml", c.yaml());

        assertThat(result.diagnostics()).filteredOn(d -> d.code() == c.code()).extracting(Diagnostic::fieldPath)
                .containsExactlyElementsOf(c.paths());
        assertThat(result.diagnostics()).filteredOn(d -> d.code() == c.code()).allSatisfy(d -> {
            assertThat(d.severity()).isEqualTo(c.code().severity());
            assertThat(d.details().en()).contains(c.code().upstream());
        });
    }
}
