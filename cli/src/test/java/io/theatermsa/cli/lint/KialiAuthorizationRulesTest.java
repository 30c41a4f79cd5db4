package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.Text;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kiali's AuthorizationPolicy checks that need the inventory: KIA0101 (namespaces), KIA0104 (hosts) and
 * KIA0106–KIA0108 (principals), with cases derived from kiali/kiali's
 * {@code business/checkers/authorization/namespace_method_checker_test.go}, {@code no_host_checker_test.go} and
 * {@code principals_checker_test.go}. The policies are in {@code shop}. The inventory: Services {@code web} and
 * {@code api} in {@code shop} and {@code db} in {@code data}, {@code db} exported only to {@code data}; pods of
 * {@code web} (ServiceAccount {@code web}, ctx1), {@code api} (ServiceAccount {@code api}, ctx2), {@code db}
 * (ServiceAccount {@code default}, no cluster label) and {@code batch} (scaled to zero, ServiceAccount {@code batch});
 * the Namespace {@code audit}; the ServiceEntry host {@code *.partner.example}.
 */
class KialiAuthorizationRulesTest {

    private static final Inventory INVENTORY = new Inventory(
            List.of(new ServiceDefinition("web", "shop", Map.of("app", "web")),
                    new ServiceDefinition("api", "shop", Map.of("app", "api")),
                    new ServiceDefinition("db", "data", Map.of("app", "db"), List.of("."))),
            List.of(Workload.of("web", "shop", Map.of("app", "web", "cluster", "ctx1"), 1, "web"),
                    Workload.of("api", "shop", Map.of("app", "api", "cluster", "ctx2"), 1, "api"),
                    Workload.of("db", "data", Map.of("app", "db"), 1, Workload.DEFAULT_SERVICE_ACCOUNT),
                    Workload.of("batch", "shop", Map.of("app", "batch", "cluster", "ctx1"), 0, "batch")),
            List.of("*.partner.example"), List.of(), Text.english("test inventory"), List.of("audit"), "");

    /**
     * @param cluster the cluster the policy is applied to; empty for none
     * @param paths   every field {@code code} is reported at, in order; empty means none
     */
    record Case(String name, String cluster, String yaml, Code code, List<String> paths) {
        @Override
        public String toString() {
            return code.upstream() + ": " + name;
        }
    }

    private static String policy(String rules) {
        return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
               + "metadata: {name: policy, namespace: shop}\nspec:\n  rules: " + rules + "\n---\n";
    }

    private static String namespaces(String list) {
        return policy("[{from: [{source: {namespaces: " + list + "}}]}]");
    }

    private static String hosts(String list) {
        return policy("[{to: [{operation: {hosts: " + list + "}}]}]");
    }

    private static String principals(String list) {
        return policy("[{from: [{source: {principals: " + list + "}}]}]");
    }

    private static List<String> at(String field, int... indexes) {
        return Arrays.stream(indexes).mapToObj(i -> field + "[" + i + "]").toList();
    }

    private static final String NS = "spec.rules[0].from[0].source.namespaces";
    private static final String HOSTS = "spec.rules[0].to[0].operation.hosts";
    private static final String PRINCIPALS = "spec.rules[0].from[0].source.principals";

    static List<Case> cases() {
        return List.of(
                // KIA0101
                new Case("namespaces of Services, workloads and Namespace objects", "",
                        namespaces("[shop, data, audit]"), Code.NAMESPACE_NOT_FOUND, List.of()),
                new Case("prefix, suffix and presence patterns", "", namespaces("['sh*', '*ta', '*']"),
                        Code.NAMESPACE_NOT_FOUND, List.of()),
                new Case("each unknown namespace", "", namespaces("[shop, wrong1, wrong2]"), Code.NAMESPACE_NOT_FOUND,
                        at(NS, 1, 2)),
                new Case("patterns matching no namespace, and a bare '*' at both ends", "",
                        namespaces("['nomatch*', '*nomatch', '*sho*']"), Code.NAMESPACE_NOT_FOUND, at(NS, 0, 1, 2)),
                new Case("notNamespaces are not checked", "", policy("[{from: [{source: {notNamespaces: [wrong]}}]}]"),
                        Code.NAMESPACE_NOT_FOUND, List.of()),
                // KIA0104
                new Case("Services by short name", "", hosts("[web, api]"), Code.AUTHORIZATION_HOST_NOT_FOUND,
                        List.of()),
                new Case("a short name missing in the policy's namespace", "", hosts("[web, wrong, db]"),
                        Code.AUTHORIZATION_HOST_NOT_FOUND, at(HOSTS, 1, 2)),
                new Case("name.namespace with a known namespace is looked up", "",
                        hosts("[web.shop, missing.shop, missing.data]"), Code.AUTHORIZATION_HOST_NOT_FOUND,
                        at(HOSTS, 1, 2)),
                new Case("a Service not exported to the policy's namespace", "", hosts("[db.data]"),
                        Code.AUTHORIZATION_HOST_NOT_FOUND, at(HOSTS, 0)),
                new Case("Host header values are not looked up", "",
                        hosts("[api.example.com, wrong.org, app.tech, 'x.nowhere', web.shop.svc.cluster.local, "
                              + "nothing.shop.svc.cluster.local]"), Code.AUTHORIZATION_HOST_NOT_FOUND, List.of()),
                new Case("wildcard Host matchers", "", hosts("['*', '*.shop', '*.other.svc.cluster.local', 'web*']"),
                        Code.AUTHORIZATION_HOST_NOT_FOUND, List.of()),
                new Case("a VirtualService host counts as a registry entry", "", policy("[{to: [{operation: {hosts: "
                        + "[virtual, other]}}]}]") + "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                        + "metadata: {name: v, namespace: shop}\nspec:\n  hosts: [virtual]\n  http: [{route: "
                        + "[{destination: {host: web}}]}]\n", Code.AUTHORIZATION_HOST_NOT_FOUND, at(HOSTS, 1)),
                new Case("a VirtualService not exported to the policy's namespace does not count", "",
                        hosts("[virtual]") + "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                        + "metadata: {name: v, namespace: data}\nspec:\n  hosts: [virtual.shop]\n  exportTo: ['.']\n"
                        + "  http: [{route: [{destination: {host: db}}]}]\n", Code.AUTHORIZATION_HOST_NOT_FOUND,
                        at(HOSTS, 0)),
                // KIA0106, KIA0107, KIA0108
                new Case("identities of pods, and '*'", "", principals("[cluster.local/ns/shop/sa/web, "
                        + "cluster.local/ns/shop/sa/api, cluster.local/ns/data/sa/default, '*']"),
                        Code.PRINCIPAL_NOT_FOUND, List.of()),
                new Case("a missing ServiceAccount, a scaled-down one, one without a trust domain", "",
                        principals("[cluster.local/ns/shop/sa/typo, cluster.local/ns/shop/sa/batch, wrong]"),
                        Code.PRINCIPAL_NOT_FOUND, at(PRINCIPALS, 0, 1, 2)),
                new Case("globs at the start or end", "", principals("['cluster.local/ns/shop/*', '*/sa/web', "
                        + "'*/ns/data/*', 'cluster.local/ns/nowhere/*', '*sa/nobody']"), Code.PRINCIPAL_NOT_FOUND,
                        at(PRINCIPALS, 3, 4)),
                new Case("a '*' only inside is compared literally", "", principals("['cluster.local/ns/*/sa/web']"),
                        Code.PRINCIPAL_NOT_FOUND, at(PRINCIPALS, 0)),
                new Case("dots in a glob are literal", "", principals("['cluster-local/ns/shop/*']"),
                        Code.PRINCIPAL_NOT_FOUND, at(PRINCIPALS, 0)),
                new Case("with no cluster given every cluster's pods are local", "",
                        principals("[cluster.local/ns/shop/sa/api]"), Code.PRINCIPAL_ON_REMOTE_CLUSTER, List.of()),
                new Case("a pod only on another cluster", "ctx1", principals("[cluster.local/ns/shop/sa/web, "
                        + "cluster.local/ns/shop/sa/api, 'cluster.local/ns/shop/sa/ap*', "
                        + "cluster.local/ns/data/sa/default]"),
                        Code.PRINCIPAL_ON_REMOTE_CLUSTER, at(PRINCIPALS, 1, 2)),
                new Case("a pod only on another cluster is not missing", "ctx1",
                        principals("[cluster.local/ns/shop/sa/api]"), Code.PRINCIPAL_NOT_FOUND, List.of()),
                new Case("foreign trust domains", "", principals("[other.example/ns/shop/sa/web, "
                        + "spiffe.io/ns/x/sa/y, 'other.example/ns/shop/*', /ns/shop/sa/x]"),
                        Code.PRINCIPAL_FOREIGN_TRUST_DOMAIN, at(PRINCIPALS, 0, 1)),
                new Case("globs and principals without /ns/ are not foreign but missing", "",
                        principals("[other.example/ns/shop/sa/web, 'other.example/ns/shop/*', /ns/shop/sa/x, wrong]"),
                        Code.PRINCIPAL_NOT_FOUND, at(PRINCIPALS, 1, 2, 3)),
                new Case("notPrincipals are not checked", "", policy("[{from: [{source: {notPrincipals: [x]}}]}]"),
                        Code.PRINCIPAL_NOT_FOUND, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatKialiReports(Case c) {
        Inventory inventory = c.cluster().isEmpty() ? INVENTORY : INVENTORY.inCluster(c.cluster());
        List<Diagnostic> findings = new Linter("shop").lint("kiali-authz.yaml", c.yaml(), inventory);

        assertThat(findings).filteredOn(d -> d.code() == c.code()).extracting(Diagnostic::fieldPath)
                .containsExactlyElementsOf(c.paths());
        assertThat(findings).filteredOn(d -> d.code() == c.code()).allSatisfy(d -> {
            assertThat(d.severity()).isEqualTo(c.code().severity());
            assertThat(d.details().en()).contains(c.code().upstream());
        });
    }
}
