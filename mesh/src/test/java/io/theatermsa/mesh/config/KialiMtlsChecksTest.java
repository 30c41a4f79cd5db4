package io.theatermsa.mesh.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kiali's mTLS checks of DestinationRules (KIA0204–KIA0208, istio-validation.md E.2.5–E.2.6), with cases derived from
 * kiali/kiali's {@code business/checkers/destinationrules/*mtls_checker_test.go} and
 * {@code traffic_policy*_checker_test.go}, run through the loader as Kiali runs them: every visible rule is both
 * checked and compared against, the mesh's PeerAuthentications are those of {@code istio-system}, and auto mTLS is on
 * unless the {@code istio} ConfigMap turns it off.
 */
class KialiMtlsChecksTest {

    /** {@code paths} are every field the code is reported at, in order; empty means the code is not reported. */
    record Case(String name, String yaml, Code code, List<String> paths) {
        @Override
        public String toString() {
            return code.upstream() + ": " + name;
        }
    }

    private static String dr(String namespace, String name, String host, String trafficPolicy) {
        return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: " + name + ", namespace: "
               + namespace + "}\nspec:\n  host: '" + host + "'\n"
               + (trafficPolicy.isEmpty() ? "" : "  trafficPolicy: " + trafficPolicy + "\n") + "---\n";
    }

    private static String pa(String namespace, String mode) {
        return "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: "
               + namespace + "}\nspec: {mtls: {mode: " + mode + "}}\n---\n";
    }

    private static final String MUTUAL = "{tls: {mode: ISTIO_MUTUAL}}";
    private static final String DISABLE = "{tls: {mode: DISABLE}}";
    private static final String MESH_MUTUAL = dr("istio-system", "default", "*.local", MUTUAL);
    private static final String BOOKINFO_MUTUAL = dr("bookinfo", "default", "*.bookinfo.svc.cluster.local", MUTUAL);
    /** The {@code istio} ConfigMap turning auto mTLS off, shared with {@link KialiAuthorizationChecksTest}. */
    static final String AUTO_MTLS_OFF = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: istio, namespace: istio-system}
            data:
              mesh: |
                enableAutoMtls: false
            ---
            """;
    private static final List<String> POLICY = List.of("spec.trafficPolicy");
    private static final List<String> MODE = List.of("spec.trafficPolicy.tls.mode");

    static List<Case> cases() {
        return List.of(
                // KIA0204: traffic_policy_checker_test.go, traffic_policy_exported_checker_test.go
                new Case("a rule without trafficPolicy under mesh- and namespace-wide ISTIO_MUTUAL", MESH_MUTUAL
                        + BOOKINFO_MUTUAL + dr("bookinfo", "reviews", "reviews", ""), Code.MTLS_SETTINGS_OVERRIDDEN,
                        POLICY),
                new Case("a rule with a loadBalancer only under namespace-wide ISTIO_MUTUAL", BOOKINFO_MUTUAL
                        + dr("bookinfo", "reviews", "reviews", "{loadBalancer: {simple: ROUND_ROBIN}}"),
                        Code.MTLS_SETTINGS_OVERRIDDEN, POLICY),
                new Case("port-level settings without tls under mesh-wide ISTIO_MUTUAL", MESH_MUTUAL
                        + dr("bookinfo", "reviews", "reviews", "{portLevelSettings: [{port: {number: 9080}, "
                        + "connectionPool: {tcp: {maxConnections: 10}}}]}"), Code.MTLS_SETTINGS_OVERRIDDEN, POLICY),
                new Case("a rule that sets tls itself", MESH_MUTUAL + dr("bookinfo", "reviews", "reviews", MUTUAL),
                        Code.MTLS_SETTINGS_OVERRIDDEN, List.of()),
                new Case("a rule with port-level tls", MESH_MUTUAL + dr("bookinfo", "reviews", "reviews",
                        "{portLevelSettings: [{port: {number: 9080}, tls: {mode: ISTIO_MUTUAL}}]}"),
                        Code.MTLS_SETTINGS_OVERRIDDEN, List.of()),
                new Case("a host of another namespace is not under the namespace-wide rule", BOOKINFO_MUTUAL
                        + dr("other", "reviews", "reviews.other.svc.cluster.local", "{loadBalancer: {simple: "
                        + "ROUND_ROBIN}}"), Code.MTLS_SETTINGS_OVERRIDDEN, List.of()),
                new Case("an external host is not under a namespace-wide rule", BOOKINFO_MUTUAL
                        + dr("other", "wikipedia", "wikipedia.org", ""), Code.MTLS_SETTINGS_OVERRIDDEN, List.of()),
                new Case("an external host is under the mesh-wide rule", MESH_MUTUAL
                        + dr("other", "wikipedia", "wikipedia.org", ""), Code.MTLS_SETTINGS_OVERRIDDEN, POLICY),
                new Case("an ISTIO_MUTUAL rule in another namespace for the same FQDN", dr("bookinfo2", "reviews",
                        "reviews.bookinfo.svc.cluster.local", MUTUAL) + dr("bookinfo", "reviews", "reviews", ""),
                        Code.MTLS_SETTINGS_OVERRIDDEN, POLICY),
                new Case("both rules for one host without tls under the namespace-wide rule", BOOKINFO_MUTUAL
                        + dr("bookinfo", "reviews", "reviews", "") + dr("bookinfo2", "reviews",
                        "reviews.bookinfo.svc.cluster.local", ""), Code.MTLS_SETTINGS_OVERRIDDEN,
                        List.of("spec.trafficPolicy", "spec.trafficPolicy")),
                // In Kiali's own test the checker is given two lists; in a real run both are the visible rules, and
                // the wildcard then names the host's namespace (traffic_policy_checker.go, second comparison).
                new Case("a namespace wildcard written in another namespace still names the host's namespace",
                        dr("istio-test1", "vault-mtls", "*.vault.svc.cluster.local", MUTUAL)
                        + dr("vault", "reviews", "reviews", ""), Code.MTLS_SETTINGS_OVERRIDDEN, POLICY),
                new Case("a wildcard of another namespace is not namespace-wide for it", dr("istio-test1",
                        "vault-mtls", "*.vault.svc.cluster.local", MUTUAL) + dr("istio-test1", "reviews", "reviews",
                        ""), Code.MTLS_SETTINGS_OVERRIDDEN, List.of()),
                new Case("a namespace-wide rule exported only to its namespace", dr("bookinfo", "default",
                        "*.bookinfo.svc.cluster.local", MUTUAL).replace("  trafficPolicy:", "  exportTo: ['.']\n"
                        + "  trafficPolicy:") + dr("other", "reviews", "reviews.bookinfo.svc.cluster.local", ""),
                        Code.MTLS_SETTINGS_OVERRIDDEN, List.of()),
                // KIA0205: meshwide_mtls_checker_test.go
                new Case("mesh-wide ISTIO_MUTUAL, auto mTLS off, no mesh PeerAuthentication", AUTO_MTLS_OFF
                        + dr("istio-system", "dr-mtls", "*.local", MUTUAL), Code.MESH_MTLS_POLICY_MISSING, MODE),
                new Case("mesh-wide ISTIO_MUTUAL with a PERMISSIVE mesh PeerAuthentication", AUTO_MTLS_OFF
                        + dr("istio-system", "dr-mtls", "*.local", MUTUAL) + pa("istio-system", "PERMISSIVE"),
                        Code.MESH_MTLS_POLICY_MISSING, List.of()),
                new Case("mesh-wide ISTIO_MUTUAL with a STRICT mesh PeerAuthentication", AUTO_MTLS_OFF
                        + dr("istio-system", "dr-mtls", "*.local", MUTUAL) + pa("istio-system", "STRICT"),
                        Code.MESH_MTLS_POLICY_MISSING, List.of()),
                new Case("a PeerAuthentication with a selector is not mesh-wide", AUTO_MTLS_OFF
                        + dr("istio-system", "dr-mtls", "*.local", MUTUAL) + pa("istio-system", "STRICT")
                        .replace("spec: {", "spec: {selector: {matchLabels: {app: reviews}}, "),
                        Code.MESH_MTLS_POLICY_MISSING, MODE),
                new Case("a STRICT PeerAuthentication outside the root namespace is not mesh-wide", AUTO_MTLS_OFF
                        + dr("istio-system", "dr-mtls", "*.local", MUTUAL) + pa("bookinfo", "STRICT"),
                        Code.MESH_MTLS_POLICY_MISSING, MODE),
                new Case("mesh-wide ISTIO_MUTUAL with auto mTLS on (no istio ConfigMap)",
                        dr("istio-system", "dr-mtls", "*.local", MUTUAL), Code.MESH_MTLS_POLICY_MISSING, List.of()),
                new Case("a namespace-wide rule is not mesh-wide", AUTO_MTLS_OFF + dr("istio-system", "dr-mtls",
                        "*.istio-system.svc.cluster.local", MUTUAL) + pa("istio-system", "STRICT"),
                        Code.MESH_MTLS_POLICY_MISSING, List.of()),
                // KIA0206: namespacewide_mtls_checker_test.go
                new Case("namespace-wide ISTIO_MUTUAL, auto mTLS off, no PeerAuthentication", AUTO_MTLS_OFF
                        + BOOKINFO_MUTUAL, Code.NAMESPACE_MTLS_POLICY_MISSING, MODE),
                new Case("namespace-wide ISTIO_MUTUAL with a PERMISSIVE namespace PeerAuthentication", AUTO_MTLS_OFF
                        + BOOKINFO_MUTUAL + pa("bookinfo", "PERMISSIVE"), Code.NAMESPACE_MTLS_POLICY_MISSING,
                        List.of()),
                new Case("namespace-wide ISTIO_MUTUAL with a STRICT mesh PeerAuthentication", AUTO_MTLS_OFF
                        + BOOKINFO_MUTUAL + pa("istio-system", "STRICT"), Code.NAMESPACE_MTLS_POLICY_MISSING,
                        List.of()),
                new Case("a DISABLE namespace PeerAuthentication does not enable mTLS", AUTO_MTLS_OFF
                        + BOOKINFO_MUTUAL + pa("bookinfo", "DISABLE"), Code.NAMESPACE_MTLS_POLICY_MISSING, MODE),
                new Case("namespace-wide ISTIO_MUTUAL with auto mTLS on", BOOKINFO_MUTUAL,
                        Code.NAMESPACE_MTLS_POLICY_MISSING, List.of()),
                new Case("a namespace wildcard of another namespace is not namespace-wide", AUTO_MTLS_OFF
                        + dr("istio-test1", "vault-mtls", "*.vault.svc.cluster.local", MUTUAL),
                        Code.NAMESPACE_MTLS_POLICY_MISSING, List.of()),
                // KIA0207: disabled_namespacewide_mtls_checker_test.go
                new Case("namespace-wide DISABLE with a STRICT namespace PeerAuthentication", dr("bookinfo",
                        "disable-mtls", "*.bookinfo.svc.cluster.local", DISABLE) + pa("bookinfo", "STRICT"),
                        Code.NAMESPACE_STRICT_MTLS_VS_DISABLE, MODE),
                new Case("namespace-wide DISABLE with a PERMISSIVE namespace PeerAuthentication", dr("bookinfo",
                        "disable-mtls", "*.bookinfo.svc.cluster.local", DISABLE) + pa("bookinfo", "PERMISSIVE"),
                        Code.NAMESPACE_STRICT_MTLS_VS_DISABLE, List.of()),
                new Case("a tls block without mode is DISABLE", dr("bookinfo", "disable-mtls",
                        "*.bookinfo.svc.cluster.local", "{tls: {sni: reviews}}") + pa("bookinfo", "STRICT"),
                        Code.NAMESPACE_STRICT_MTLS_VS_DISABLE, MODE),
                new Case("a mesh-wide DISABLE rule is not namespace-wide", dr("bookinfo", "dr-mtls", "*.local",
                        DISABLE) + pa("bookinfo", "STRICT"), Code.NAMESPACE_STRICT_MTLS_VS_DISABLE, List.of()),
                // KIA0208: disabled_meshwide_mtls_checker_test.go, and the mesh fallback of the namespace-wide one
                new Case("mesh-wide DISABLE with a STRICT mesh PeerAuthentication", dr("istio-system", "disable",
                        "*.local", DISABLE) + pa("istio-system", "STRICT"), Code.MESH_STRICT_MTLS_VS_DISABLE, MODE),
                new Case("mesh-wide DISABLE with a PERMISSIVE mesh PeerAuthentication", dr("istio-system", "disable",
                        "*.local", DISABLE) + pa("istio-system", "PERMISSIVE"), Code.MESH_STRICT_MTLS_VS_DISABLE,
                        List.of()),
                new Case("mesh-wide DISABLE with a DISABLE mesh PeerAuthentication", dr("istio-system", "disable",
                        "*.local", DISABLE) + pa("istio-system", "DISABLE"), Code.MESH_STRICT_MTLS_VS_DISABLE,
                        List.of()),
                new Case("mesh-wide DISABLE without PeerAuthentication", dr("istio-system", "disable", "*.local",
                        DISABLE), Code.MESH_STRICT_MTLS_VS_DISABLE, List.of()),
                new Case("namespace-wide DISABLE with only a STRICT mesh PeerAuthentication", dr("bookinfo",
                        "disable-mtls", "*.bookinfo.svc.cluster.local", DISABLE) + pa("istio-system", "STRICT"),
                        Code.MESH_STRICT_MTLS_VS_DISABLE, MODE),
                new Case("a PERMISSIVE namespace PeerAuthentication wins over a STRICT mesh one", dr("bookinfo",
                        "disable-mtls", "*.bookinfo.svc.cluster.local", DISABLE) + pa("bookinfo", "PERMISSIVE")
                        + pa("istio-system", "STRICT"), Code.MESH_STRICT_MTLS_VS_DISABLE, List.of()),
                new Case("a DISABLE namespace PeerAuthentication wins over a STRICT mesh one", dr("bookinfo",
                        "disable-mtls", "*.bookinfo.svc.cluster.local", DISABLE) + pa("bookinfo", "DISABLE")
                        + pa("istio-system", "STRICT") + MESH_MUTUAL, Code.MESH_STRICT_MTLS_VS_DISABLE, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatKialiReports(Case c) {
        LoadedConfig result = new MeshConfigLoader("bookinfo").load("kiali-mtls.yaml", c.yaml());

        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        assertThat(result.diagnostics()).filteredOn(d -> d.code() == c.code()).extracting(Diagnostic::fieldPath)
                .containsExactlyElementsOf(c.paths());
    }
}
