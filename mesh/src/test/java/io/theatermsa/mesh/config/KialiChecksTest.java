package io.theatermsa.mesh.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kiali's VirtualService and DestinationRule checkers (kiali/kiali {@code business/checkers}, istio-validation.md E)
 * as the loader reports them, with their host resolution: short names against the object's namespace,
 * {@code name.ns} and {@code name.ns.svc} as that namespace, wildcards covering a namespace. Services in the
 * catalog: {@code reviews} and {@code ratings} in {@code bookinfo}, {@code productpage} in {@code shop}.
 */
class KialiChecksTest {

    private static final Set<HostName> SERVICES = Set.of(new HostName("reviews", "bookinfo"),
            new HostName("ratings", "bookinfo"), new HostName("productpage", "shop"));

    /** {@code paths} are every field the code is reported at, in order; empty means the code is not reported. */
    record Case(String name, String yaml, Code code, List<String> paths) {
        @Override
        public String toString() {
            return code.upstream() + ": " + name;
        }
    }

    private static String vs(String name, String namespace, String spec) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name + ", namespace: "
               + namespace + "}\nspec:\n" + spec.indent(2) + "---\n";
    }

    private static String routeTo(String namespace, String host) {
        return vs("vs", namespace, "hosts: [front]\nhttp: [{route: [{destination: {host: " + host + "}}]}]");
    }

    private static String dr(String name, String namespace, String host, String subset) {
        return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: " + name + ", namespace: "
               + namespace + "}\nspec:\n  host: '" + host + "'\n  subsets: [{name: " + subset
               + ", labels: {version: " + subset + "}}]\n---\n";
    }

    private static final String DEST = "spec.http[0].route[0].destination.host";

    static List<Case> cases() {
        return List.of(
                // KIA1101: route destinations only, resolved as Kiali resolves them
                new Case("a short name in the Service's namespace is found", routeTo("bookinfo", "reviews"),
                        Code.HOST_NOT_FOUND, List.of()),
                new Case("name.namespace from another namespace is found", routeTo("shop", "reviews.bookinfo"),
                        Code.HOST_NOT_FOUND, List.of()),
                new Case("name.namespace.svc is found", routeTo("shop", "reviews.bookinfo.svc"),
                        Code.HOST_NOT_FOUND, List.of()),
                new Case("the FQDN from another namespace is found",
                        routeTo("shop", "reviews.bookinfo.svc.cluster.local"), Code.HOST_NOT_FOUND, List.of()),
                new Case("a short name resolves to the VirtualService's own namespace",
                        routeTo("shop", "reviews"), Code.HOST_NOT_FOUND, List.of(DEST)),
                new Case("a Service missing in the named namespace", routeTo("shop", "details.bookinfo"),
                        Code.HOST_NOT_FOUND, List.of(DEST)),
                new Case("an FQDN of a Service missing in its namespace",
                        routeTo("bookinfo", "productpage.bookinfo.svc.cluster.local"), Code.HOST_NOT_FOUND,
                        List.of(DEST)),
                new Case("a tcp destination", vs("vs", "bookinfo", "hosts: [front]\ntcp: [{route: [{destination: "
                        + "{host: mysql}}]}]"), Code.HOST_NOT_FOUND, List.of("spec.tcp[0].route[0].destination.host")),
                new Case("mirrors are not checked", vs("vs", "bookinfo", "hosts: [front]\nhttp: [{route: "
                        + "[{destination: {host: reviews}}], mirror: {host: nowhere}}]"), Code.HOST_NOT_FOUND, List.of()),
                // KIA1104
                new Case("a lone destination with weight 50", vs("vs", "bookinfo", "hosts: [reviews]\nhttp: [{route: "
                        + "[{destination: {host: reviews}, weight: 50}]}]"), Code.SINGLE_DESTINATION_WEIGHT,
                        List.of("spec.http[0].route[0].weight")),
                new Case("a lone destination with weight 100 is silent", vs("vs", "bookinfo", "hosts: [reviews]\nhttp: "
                        + "[{route: [{destination: {host: reviews}, weight: 100}]}]"), Code.SINGLE_DESTINATION_WEIGHT,
                        List.of()),
                new Case("a lone destination with weight 0 is silent", vs("vs", "bookinfo", "hosts: [reviews]\nhttp: "
                        + "[{route: [{destination: {host: reviews}, weight: 0}]}]"), Code.SINGLE_DESTINATION_WEIGHT,
                        List.of()),
                new Case("a lone tcp destination with weight 30", vs("vs", "bookinfo", "hosts: [reviews]\ntcp: "
                        + "[{route: [{destination: {host: reviews}, weight: 30}]}]"), Code.SINGLE_DESTINATION_WEIGHT,
                        List.of("spec.tcp[0].route[0].weight")),
                // KIA1105
                new Case("the same host and subset spelled two ways in one rule", vs("vs", "bookinfo",
                        "hosts: [reviews]\nhttp: [{route: [{destination: {host: reviews, subset: v1}, weight: 50}, "
                        + "{destination: {host: reviews.bookinfo.svc.cluster.local, subset: v1}, weight: 50}]}]")
                        + dr("dr", "bookinfo", "reviews", "v1"), Code.REPEATED_ROUTE_DESTINATION,
                        List.of("spec.http[0].route[0].destination.host", "spec.http[0].route[1].destination.host")),
                new Case("two subsets of one host", vs("vs", "bookinfo", "hosts: [reviews]\nhttp: [{route: "
                        + "[{destination: {host: reviews, subset: v1}, weight: 50}, {destination: {host: reviews, "
                        + "subset: v2}, weight: 50}]}]"), Code.REPEATED_ROUTE_DESTINATION, List.of()),
                new Case("the same destination in two rules", vs("vs", "bookinfo", "hosts: [reviews]\nhttp: "
                        + "[{match: [{uri: {prefix: /a}}], route: [{destination: {host: reviews}}]}, {route: "
                        + "[{destination: {host: reviews}}]}]"), Code.REPEATED_ROUTE_DESTINATION, List.of()),
                // KIA1106
                new Case("two VirtualServices for one host", vs("a", "bookinfo", "hosts: [reviews]\nhttp: [{route: "
                        + "[{destination: {host: reviews}}]}]") + vs("b", "bookinfo", "hosts: [reviews]\nhttp: "
                        + "[{route: [{destination: {host: reviews}}]}]"), Code.MULTIPLE_VIRTUAL_SERVICES,
                        List.of("spec.hosts", "spec.hosts")),
                new Case("a short name and name.namespace", vs("a", "bookinfo", "hosts: [reviews]\nhttp: [{route: "
                        + "[{destination: {host: reviews}}]}]") + vs("b", "shop", "hosts: [reviews.bookinfo]\nhttp: "
                        + "[{route: [{destination: {host: reviews.bookinfo}}]}]"), Code.MULTIPLE_VIRTUAL_SERVICES,
                        List.of("spec.hosts", "spec.hosts")),
                new Case("a namespace wildcard and a host of that namespace", vs("a", "bookinfo", "hosts: "
                        + "['*.bookinfo.svc.cluster.local']\nhttp: [{route: [{destination: {host: reviews}}]}]")
                        + vs("b", "bookinfo", "hosts: [ratings]\nhttp: [{route: [{destination: {host: ratings}}]}]"),
                        Code.MULTIPLE_VIRTUAL_SERVICES, List.of("spec.hosts", "spec.hosts")),
                new Case("a namespace wildcard written as the FQDN of another namespace", vs("a", "shop", "hosts: "
                        + "['*.bookinfo.svc.cluster.local']\nhttp: [{route: [{destination: {host: reviews.bookinfo}}]}]")
                        + vs("b", "bookinfo", "hosts: [reviews]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.MULTIPLE_VIRTUAL_SERVICES, List.of("spec.hosts", "spec.hosts")),
                new Case("wildcards of different namespaces do not collide", vs("a", "shop", "hosts: "
                        + "['*.shop.svc.cluster.local']\nhttp: [{route: [{destination: {host: productpage}}]}]")
                        + vs("b", "bookinfo", "hosts: [reviews]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.MULTIPLE_VIRTUAL_SERVICES, List.of()),
                new Case("'mesh' and no gateways are different buckets", vs("a", "bookinfo", "hosts: [reviews]\n"
                        + "gateways: [mesh]\nhttp: [{route: [{destination: {host: reviews}}]}]") + vs("b", "bookinfo",
                        "hosts: [reviews]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.MULTIPLE_VIRTUAL_SERVICES, List.of()),
                new Case("an external wildcard is not compared with its subdomains", vs("a", "bookinfo", "hosts: "
                        + "['*.example.com']\ngateways: [bookinfo/gw]\nhttp: [{route: [{destination: {host: reviews}}]}]")
                        + vs("b", "bookinfo", "hosts: [api.example.com]\ngateways: [bookinfo/gw]\nhttp: [{route: "
                        + "[{destination: {host: reviews}}]}]"), Code.MULTIPLE_VIRTUAL_SERVICES, List.of()),
                new Case("the same gateway and host", vs("a", "bookinfo", "hosts: [shop.example.com]\ngateways: "
                        + "[bookinfo/gw]\nhttp: [{route: [{destination: {host: reviews}}]}]") + vs("b", "bookinfo",
                        "hosts: [shop.example.com]\ngateways: [bookinfo/gw]\nhttp: [{route: [{destination: "
                        + "{host: ratings}}]}]"), Code.MULTIPLE_VIRTUAL_SERVICES, List.of("spec.hosts", "spec.hosts")),
                // KIA1107
                new Case("a subset a wildcard DestinationRule defines", vs("vs", "bookinfo", "hosts: [reviews]\nhttp: "
                        + "[{route: [{destination: {host: reviews, subset: v1}}]}]")
                        + dr("all", "bookinfo", "*.bookinfo.svc.cluster.local", "v1"), Code.SUBSET_NOT_FOUND, List.of()),
                new Case("a subset a DestinationRule in another namespace defines by FQDN", vs("vs", "shop", "hosts: "
                        + "[front]\nhttp: [{route: [{destination: {host: reviews.bookinfo, subset: v1}}]}]")
                        + dr("dr", "bookinfo", "reviews.bookinfo.svc.cluster.local", "v1"), Code.SUBSET_NOT_FOUND,
                        List.of()),
                new Case("a subset no rule for the host defines", vs("vs", "bookinfo", "hosts: [reviews]\nhttp: "
                        + "[{route: [{destination: {host: reviews, subset: v2}}]}]")
                        + dr("dr", "bookinfo", "reviews", "v1"), Code.SUBSET_NOT_FOUND,
                        List.of("spec.http[0].route[0].destination.subset")),
                new Case("a subset defined for another host only", vs("vs", "bookinfo", "hosts: [reviews]\nhttp: "
                        + "[{route: [{destination: {host: reviews, subset: v1}}]}]")
                        + dr("dr", "bookinfo", "ratings", "v1"), Code.SUBSET_NOT_FOUND,
                        List.of("spec.http[0].route[0].destination.subset")),
                new Case("a tls destination subset", vs("vs", "bookinfo", "hosts: [reviews.example.com]\ntls: "
                        + "[{match: [{sniHosts: [reviews.example.com]}], route: [{destination: {host: reviews, "
                        + "subset: v9}}]}]"), Code.SUBSET_NOT_FOUND, List.of("spec.tls[0].route[0].destination.subset")),
                // KIA0202
                new Case("a DestinationRule for a host nothing serves", dr("dr", "bookinfo", "details", "v1"),
                        Code.HOST_NOT_FOUND, List.of("spec.host")),
                // IST0128 / IST0129
                new Case("SIMPLE TLS without caCertificates", dr("dr", "bookinfo", "reviews", "v1").replace(
                        "  subsets:", "  trafficPolicy: {tls: {mode: SIMPLE}}\n  subsets:"),
                        Code.NO_SERVER_CERTIFICATE_VERIFICATION, List.of("spec.trafficPolicy.tls.mode")),
                new Case("port-level MUTUAL without caCertificates", dr("dr", "bookinfo", "reviews", "v1").replace(
                        "  subsets:", "  trafficPolicy: {portLevelSettings: [{port: {number: 9080}, tls: {mode: MUTUAL,"
                        + " clientCertificate: c, privateKey: k}}]}\n  subsets:"),
                        Code.NO_SERVER_CERTIFICATE_VERIFICATION,
                        List.of("spec.trafficPolicy.portLevelSettings[0].tls.mode")),
                new Case("ISTIO_MUTUAL needs no caCertificates", dr("dr", "bookinfo", "reviews", "v1").replace(
                        "  subsets:", "  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}\n  subsets:"),
                        Code.NO_SERVER_CERTIFICATE_VERIFICATION, List.of()),
                new Case("SIMPLE with caCertificates", dr("dr", "bookinfo", "reviews", "v1").replace(
                        "  subsets:", "  trafficPolicy: {tls: {mode: SIMPLE, caCertificates: /etc/ca.pem}}\n  subsets:"),
                        Code.NO_SERVER_CERTIFICATE_VERIFICATION, List.of()),
                new Case("a wildcard DestinationRule host always passes", dr("dr", "bookinfo",
                        "*.bookinfo.svc.cluster.local", "v1"), Code.HOST_NOT_FOUND, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatKialiReports(Case c) {
        LoadedConfig result = new MeshConfigLoader("bookinfo", SERVICES::contains).load("kiali.yaml", c.yaml());

        assertThat(result.errors()).isEmpty();
        assertThat(result.diagnostics()).filteredOn(d -> d.code() == c.code()).extracting(Diagnostic::fieldPath)
                .containsExactlyElementsOf(c.paths());
    }
}
