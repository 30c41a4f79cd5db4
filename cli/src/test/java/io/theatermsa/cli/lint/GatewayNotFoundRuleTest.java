package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.Severity;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KIA1102 as Kiali's {@code NoGatewayChecker} decides it (istio-validation.md E.3.2): which spellings of a gateway
 * reference name an existing Istio Gateway, which entries are skipped, and that match-level references are checked
 * only while every earlier one was found. The VirtualServices are in {@code shop}; the Gateways are
 * {@code shop/front} and {@code istio-system/ingress}.
 */
class GatewayNotFoundRuleTest {

    private static final Inventory INVENTORY = new Inventory(List.of(), List.of(), List.of(),
            List.of(new IstioGateway("shop", "front"), new IstioGateway("istio-system", "ingress")),
            Text.english("test gateways"));

    /** {@code paths}: every field THT-L012 is reported at, in order; empty means none. */
    record Case(String name, String spec, List<String> paths) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String bound(String gateways) {
        return "hosts: [shop.example.com]\ngateways: " + gateways + "\nhttp: [{route: [{destination: {host: web}}]}]";
    }

    static List<Case> cases() {
        return List.of(
                new Case("no gateways: bound to the mesh", "hosts: [web]\nhttp: [{route: [{destination: {host: web}}]}]",
                        List.of()),
                new Case("'mesh' is reserved, never looked up", bound("[mesh]"), List.of()),
                new Case("a missing gateway beside 'mesh'", bound("[nowhere, mesh]"), List.of("spec.gateways[0]")),
                new Case("a bare name is looked up in the VirtualService's namespace", bound("[front]"), List.of()),
                new Case("a bare name of a Gateway in another namespace is missing", bound("[ingress]"),
                        List.of("spec.gateways[0]")),
                new Case("namespace/name", bound("[istio-system/ingress]"), List.of()),
                new Case("namespace/name in the wrong namespace", bound("[shop/ingress]"), List.of("spec.gateways[0]")),
                new Case("name.namespace, the legacy form", bound("[ingress.istio-system]"), List.of()),
                new Case("name.namespace.svc.cluster.local", bound("[front.shop.svc.cluster.local]"), List.of()),
                new Case("name.namespace with another domain", bound("[front.shop.example.org]"),
                        List.of("spec.gateways[0]")),
                new Case("one found and one missing: only the missing one", bound("[front, shop/back, mesh]"),
                        List.of("spec.gateways[1]")),
                new Case("every missing entry of one list is reported", bound("[a, b]"),
                        List.of("spec.gateways[0]", "spec.gateways[1]")),
                new Case("a missing gateway in a match", "hosts: [web]\nhttp: [{match: [{uri: {prefix: /a}}, "
                        + "{gateways: [mesh, shop/back]}], route: [{destination: {host: web}}]}]",
                        List.of("spec.http[0].match[1].gateways[1]")),
                new Case("a found gateway in a match", "hosts: [web]\ngateways: [mesh, front]\nhttp: [{match: "
                        + "[{gateways: [front]}], route: [{destination: {host: web}}]}]", List.of()),
                new Case("a missing top-level gateway stops the match checks", "hosts: [web]\ngateways: [gone]\n"
                        + "http: [{match: [{gateways: [also-gone]}], route: [{destination: {host: web}}]}]",
                        List.of("spec.gateways[0]")),
                new Case("the first match with a missing gateway stops the later ones", "hosts: [web]\nhttp: "
                        + "[{match: [{gateways: [x]}, {gateways: [y]}], route: [{destination: {host: web}}]}, "
                        + "{match: [{gateways: [z]}], route: [{destination: {host: web}}]}]",
                        List.of("spec.http[0].match[0].gateways[0]")));
    }

    /** KIA1108 ({@code no_gateway_checker_test.go}); {@code paths}: every field THT-L017 is reported at, in order. */
    static List<Case> legacyNameCases() {
        return List.of(
                new Case("name.namespace of a Gateway that exists", bound("[front.shop, mesh]"),
                        List.of("spec.gateways[0]")),
                new Case("the FQDN of a Gateway", bound("[front.shop.svc.cluster.local, mesh]"),
                        List.of("spec.gateways[0]")),
                new Case("the FQDN of a Gateway in another namespace",
                        bound("[mesh, ingress.istio-system.svc.cluster.local]"), List.of("spec.gateways[1]")),
                new Case("name.namespace of a Gateway that does not exist", bound("[gone.shop]"),
                        List.of("spec.gateways[0]")),
                new Case("namespace/name is the preferred form", bound("[istio-system/ingress]"), List.of()),
                new Case("a bare name has no dot", bound("[front, mesh]"), List.of()),
                new Case("a legacy name in a match, at the entry itself", "hosts: [web]\nhttp: [{match: [{gateways: "
                        + "[mesh, front.shop]}], route: [{destination: {host: web}}]}]",
                        List.of("spec.http[0].match[0].gateways[1]")),
                new Case("a missing top-level gateway stops the match checks, the legacy form's too", "hosts: [web]\n"
                        + "gateways: [gone]\nhttp: [{match: [{gateways: [front.shop]}], route: [{destination: "
                        + "{host: web}}]}]", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatKialiReports(Case c) {
        List<Diagnostic> found = lint(c);

        assertThat(found).filteredOn(d -> d.severity() == Severity.ERROR && d.code() != Code.GATEWAY_NOT_FOUND)
                .isEmpty();
        assertThat(found).filteredOn(d -> d.code() == Code.GATEWAY_NOT_FOUND).extracting(Diagnostic::fieldPath)
                .containsExactlyElementsOf(c.paths());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyNameCases")
    void reportsTheLegacyFormAsKialiDoes(Case c) {
        assertThat(lint(c)).filteredOn(d -> d.code() == Code.LEGACY_GATEWAY_NAME)
                .allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.INFO))
                .extracting(Diagnostic::fieldPath).containsExactlyElementsOf(c.paths());
    }

    private static List<Diagnostic> lint(Case c) {
        String yaml = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: shop}\n"
                      + "spec:\n" + c.spec().indent(2);
        return new Linter("shop", List.of(new GatewayNotFoundRule())).lint("vs.yaml", yaml, INVENTORY);
    }

    @Test
    void theKnownGatewaysAreTheOnesK8sCreates() {
        Path k8s = Path.of("..", "k8s").toAbsolutePath().normalize();
        Topology topology = Topology.bundled();

        Inventory read = InventoryReader.read(List.of(k8s.resolve("istio"), k8s.resolve("istio/ingress")), topology);

        assertThat(read.gateways()).containsExactlyInAnyOrderElementsOf(KnownTopology.gateways(topology.namespace()));
        assertThat(read.origin().en()).endsWith("; Istio Gateways " + read.gateways().get(0) + ", "
                                                + read.gateways().get(1) + " (input)");
    }

    @Test
    void theKnownTopologyNamesTheCourseGateways() {
        Topology topology = Topology.bundled();

        Inventory known = KnownTopology.inventory(topology);

        assertThat(known.hasGateway("dashboard", topology.namespace())).isTrue();
        assertThat(known.hasGateway("istio-system/cross-network-gateway", topology.namespace())).isTrue();
        assertThat(known.hasGateway("shop-gateway", topology.namespace())).isFalse();
        assertThat(known.origin().en()).startsWith("known topology (")
                .endsWith("; Istio Gateways " + topology.namespace() + "/dashboard, "
                          + "istio-system/cross-network-gateway (k8s/istio)");
    }
}
