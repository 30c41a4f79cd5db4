package io.theatermsa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.theatermsa.deploy.ManifestClusterOverlaysTest.containers;
import static io.theatermsa.deploy.ManifestClusterOverlaysTest.texts;
import static io.theatermsa.deploy.ManifestRendering.K8S;
import static io.theatermsa.deploy.ManifestRendering.YAML;
import static io.theatermsa.deploy.ManifestRendering.named;
import static io.theatermsa.deploy.ManifestRendering.ofKind;
import static io.theatermsa.deploy.ManifestRendering.render;
import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's permissions, the Istio entry points, and where the images are named. */
class ManifestRbacIstioAndImagesTest {

    private static final Set<String> READ = Set.of("get", "list", "watch");

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2"})
    void theGatewayRoleIsReadOnlyOverPodsServicesEndpointSlicesAndMeshConfig(String overlay) {
        JsonNode role = named(render("clusters/" + overlay), "Role", "api-gateway");
        List<String> granted = new ArrayList<>();
        for (JsonNode rule : role.path("rules")) {
            assertThat(texts(rule.path("verbs"))).as(rule.toString()).allMatch(READ::contains);
            for (String group : texts(rule.path("apiGroups"))) {
                texts(rule.path("resources")).forEach(r -> granted.add(group + "/" + r));
            }
        }
        assertThat(granted).containsExactlyInAnyOrder("/pods", "/services", "discovery.k8s.io/endpointslices",
                "networking.istio.io/virtualservices", "networking.istio.io/destinationrules");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2"})
    void theAdminComponentAddsOnlyWritesToVirtualServicesAndDestinationRules(String overlay) {
        List<JsonNode> plain = new ArrayList<>();
        named(render("clusters/" + overlay), "Role", "api-gateway").path("rules").forEach(plain::add);
        List<JsonNode> admin = new ArrayList<>();
        named(render("clusters/" + overlay + "-admin"), "Role", "api-gateway").path("rules").forEach(admin::add);
        assertThat(admin).containsAll(plain).hasSize(plain.size() + 1);
        JsonNode added = admin.stream().filter(r -> !plain.contains(r)).findFirst().orElseThrow();
        assertThat(texts(added.path("apiGroups"))).containsExactly("networking.istio.io");
        assertThat(texts(added.path("resources"))).containsExactlyInAnyOrder("virtualservices", "destinationrules");
        assertThat(texts(added.path("verbs"))).containsExactlyInAnyOrder("create", "update", "patch");
    }

    @Test
    void theRoleIsBoundToTheGatewayInCtx1AndToItsRemoteReaderInCtx2() {
        assertThat(subject(render("clusters/ctx1"))).isEqualTo("theater-msa/api-gateway");
        assertThat(subject(render("clusters/ctx2"))).isEqualTo("theater-msa/api-gateway-remote");
        JsonNode token = named(render("clusters/ctx2"), "Secret", "api-gateway-remote-token");
        assertThat(token.path("metadata").path("annotations").path("kubernetes.io/service-account.name").asText())
                .isEqualTo("api-gateway-remote");
    }

    @Test
    void everyKustomizationRendersWithoutSecretDataOrPasswordLiterals() throws IOException {
        List<Path> dirs = ManifestRendering.kustomizationDirectories();
        assertThat(dirs).extracting(d -> K8S.relativize(d).toString())
                .contains("clusters/ctx1", "clusters/ctx2", "clusters/ctx1-admin", "clusters/ctx2-admin", "istio",
                          "istio/ingress", "practice/01-initial");
        for (Path dir : dirs) {
            String text = ManifestRendering.renderText(dir);
            assertThat(text).as(K8S.relativize(dir).toString())
                    .doesNotContainPattern("(?m)^\\s*(data|stringData):\\s*$\\n\\s+password")
                    .doesNotContainPattern("(?i)--requirepass[\",\\s-]+[^$\\s\"-]")
                    .doesNotContainPattern("(?im)password\\s*[:=]\\s*[\"']?[a-z0-9]{4,}");
            assertThat(ofKind(render(dir), "Secret")).allMatch(secret -> !secret.has("data") && !secret.has("stringData"));
        }
    }

    @Test
    void theCrossNetworkGatewayPassesThroughEveryLocalServiceOn15443() {
        JsonNode gateway = named(render("istio"), "Gateway", "cross-network-gateway");
        assertThat(gateway.path("metadata").path("namespace").asText()).isEqualTo("istio-system");
        assertThat(gateway.path("spec").path("selector").path("istio").asText()).isEqualTo("eastwestgateway");
        JsonNode server = gateway.path("spec").path("servers").get(0);
        assertThat(server.path("port").path("number").asInt()).isEqualTo(15443);
        assertThat(server.path("tls").path("mode").asText()).isEqualTo("AUTO_PASSTHROUGH");
        assertThat(texts(server.path("hosts"))).containsExactly("*.local");
    }

    @Test
    void theDashboardIngressIsInCtx1OnlyWithItsHostSetOnce() throws IOException {
        List<JsonNode> ctx1 = render("clusters/ctx1");
        String host = YAML.readTree(K8S.resolve("istio/ingress/host.yaml").toFile()).path("data").path("host").asText();
        assertThat(texts(named(ctx1, "Gateway", "dashboard").path("spec").path("servers").get(0).path("hosts")))
                .containsExactly(host);
        JsonNode vs = named(ctx1, "VirtualService", "dashboard");
        assertThat(texts(vs.path("spec").path("hosts"))).containsExactly(host);
        assertThat(vs.findValue("destination").path("host").asText()).isEqualTo("api-gateway");
        assertThat(ofKind(ctx1, "ConfigMap")).noneMatch(c -> c.path("metadata").path("name").asText().equals("dashboard-host"));
        assertThat(ofKind(render("clusters/ctx2"), "Gateway")).isEmpty();
    }

    @Test
    void imagesAreNamedOnlyInTheImagesComponent() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("image:")) {
                        assertThat(trimmed).as("%s: short name, no tag or registry", K8S.relativize(file))
                                .matches("image: (theater-msa/[a-z-]+|redis)");
                    }
                    if (trimmed.startsWith("newTag:") || trimmed.startsWith("newName:")) {
                        assertThat(K8S.relativize(file).toString()).isEqualTo("components/images/kustomization.yaml");
                    }
                }
            }
        }
        for (String overlay : List.of("ctx1", "ctx2")) {
            for (JsonNode deployment : ofKind(render("clusters/" + overlay), "Deployment")) {
                for (JsonNode c : containers(deployment.path("spec").path("template").path("spec"))) {
                    assertThat(c.path("image").asText()).as(ManifestRendering.name(deployment)).contains(":");
                }
            }
        }
    }

    @Test
    void aWrappingKustomizationMovesOurImagesToAnotherRegistryAndTag(@TempDir Path wrapper) throws IOException {
        // kustomize refuses absolute resource paths ("new root cannot be absolute"): the wrapper uses a relative one.
        Files.writeString(wrapper.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - %s
                images:
                - name: theater-msa/user-service
                  newName: harbor.example.com/theater/user-service
                  newTag: "1.2.3"
                """.formatted(wrapper.toAbsolutePath().relativize(K8S.resolve("clusters/ctx2"))));
        JsonNode user = named(render(wrapper), "Deployment", "user-service-ctx2");
        assertThat(containers(user.path("spec").path("template").path("spec")).getFirst().path("image").asText())
                .isEqualTo("harbor.example.com/theater/user-service:1.2.3");
    }

    private static String subject(List<JsonNode> objects) {
        JsonNode binding = named(objects, "RoleBinding", "api-gateway");
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("api-gateway");
        JsonNode subject = binding.path("subjects").get(0);
        String sa = subject.path("name").asText();
        assertThat(ofKind(objects, "ServiceAccount")).anyMatch(s -> s.path("metadata").path("name").asText().equals(sa));
        return subject.path("namespace").asText() + "/" + sa;
    }
}
