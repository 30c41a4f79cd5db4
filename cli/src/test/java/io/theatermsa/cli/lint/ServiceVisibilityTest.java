package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the inventory tells the loader's Kiali checks (istio-validation.md E.1.3, E.2.2): a Service counts for a
 * VirtualService (KIA1101) or DestinationRule (KIA0202) only when its {@code networking.istio.io/exportTo}
 * annotation exports it to that object's namespace, and a DestinationRule host also counts when a workload of the
 * rule's own namespace carries the host's name as its app label (the first of Kiali's app labels it has).
 */
class ServiceVisibilityTest {

    /** {@code paths}: every field THT-W002 is reported at; empty means the host counts as served. */
    record Case(String name, Inventory inventory, String yaml, List<String> paths) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Inventory reviewsExportedTo(String... exportTo) {
        return new Inventory(List.of(new ServiceDefinition("reviews", "bookinfo", Map.of("app", "reviews"),
                                                           List.of(exportTo))),
                             List.of(), List.of(), List.of(), Text.english("test"));
    }

    private static Inventory workloadsIn(String namespace, Map<String, String> labels) {
        return new Inventory(List.of(), List.of(Workload.of("w", namespace, labels, 1,
                                                            Workload.DEFAULT_SERVICE_ACCOUNT)),
                             List.of(), List.of(), Text.english("test"));
    }

    private static String routeFrom(String namespace, String host) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: " + namespace
               + "}\nspec:\n  hosts: [front]\n  http: [{route: [{destination: {host: " + host + "}}]}]\n";
    }

    private static String ruleIn(String namespace, String host) {
        return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr, namespace: " + namespace
               + "}\nspec:\n  host: " + host + "\n";
    }

    private static final String DEST = "spec.http[0].route[0].destination.host";

    static List<Case> cases() {
        return List.of(
                // KIA1101 and the Service's exportTo
                new Case("no annotation: exported everywhere", reviewsExportedTo(),
                        routeFrom("shop", "reviews.bookinfo"), List.of()),
                new Case("'.': seen from its own namespace", reviewsExportedTo("."),
                        routeFrom("bookinfo", "reviews"), List.of()),
                new Case("'.': not seen from another namespace", reviewsExportedTo("."),
                        routeFrom("shop", "reviews.bookinfo"), List.of(DEST)),
                new Case("a named namespace sees it", reviewsExportedTo("shop"),
                        routeFrom("shop", "reviews.bookinfo.svc.cluster.local"), List.of()),
                new Case("a namespace not named does not", reviewsExportedTo("shop"),
                        routeFrom("other", "reviews.bookinfo"), List.of(DEST)),
                new Case("'*' exports everywhere", reviewsExportedTo("*"),
                        routeFrom("other", "reviews.bookinfo"), List.of()),
                new Case("'~' hides it even from its own namespace", reviewsExportedTo("~"),
                        routeFrom("bookinfo", "reviews"), List.of(DEST)),
                // KIA0202: exportTo, then the app-label fallback in the rule's own namespace
                new Case("a rule in a namespace the Service is not exported to", reviewsExportedTo("."),
                        ruleIn("shop", "reviews.bookinfo"), List.of("spec.host")),
                new Case("a rule in the namespace it is exported to", reviewsExportedTo(".", "shop"),
                        ruleIn("shop", "reviews.bookinfo"), List.of()),
                new Case("no Service, but a workload of the rule's namespace with app=details",
                        workloadsIn("bookinfo", Map.of("app", "details")), ruleIn("bookinfo", "details"), List.of()),
                new Case("the workload must be in the rule's namespace",
                        workloadsIn("bookinfo", Map.of("app", "details")), ruleIn("shop", "details.bookinfo"),
                        List.of("spec.host")),
                new Case("app.kubernetes.io/name comes before app",
                        workloadsIn("bookinfo", Map.of("app.kubernetes.io/name", "other", "app", "details")),
                        ruleIn("bookinfo", "details"), List.of("spec.host")),
                new Case("service.istio.io/canonical-name comes first",
                        workloadsIn("bookinfo", Map.of("service.istio.io/canonical-name", "details", "app", "x")),
                        ruleIn("bookinfo", "details"), List.of()),
                new Case("the fallback is not used for route destinations",
                        workloadsIn("bookinfo", Map.of("app", "details")), routeFrom("bookinfo", "details"),
                        List.of(DEST)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatKialiReports(Case c) {
        List<Diagnostic> found = new Linter("bookinfo", List.of()).lint("mesh.yaml", c.yaml(), c.inventory());

        assertThat(found).filteredOn(d -> d.code() == Code.HOST_NOT_FOUND).extracting(Diagnostic::fieldPath)
                .containsExactlyElementsOf(c.paths());
    }

    @Test
    void theInventoryReadsTheAnnotationOffAService(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("svc.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: reviews
                  namespace: bookinfo
                  annotations: {networking.istio.io/exportTo: " ., shop ,"}
                spec:
                  selector: {app: reviews}
                """);

        Inventory inventory = InventoryReader.read(List.of(dir), Topology.bundled());

        assertThat(inventory.services()).singleElement().satisfies(s -> {
            assertThat(s.exportTo()).containsExactly(".", "shop");
            assertThat(s.isExportedTo("bookinfo")).isTrue();
            assertThat(s.isExportedTo("shop")).isTrue();
            assertThat(s.isExportedTo("other")).isFalse();
        });
    }
}
