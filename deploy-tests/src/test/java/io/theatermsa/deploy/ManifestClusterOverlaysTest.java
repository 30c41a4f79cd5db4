package io.theatermsa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static io.theatermsa.deploy.ManifestRendering.name;
import static io.theatermsa.deploy.ManifestRendering.named;
import static io.theatermsa.deploy.ManifestRendering.ofKind;
import static io.theatermsa.deploy.ManifestRendering.render;
import static org.assertj.core.api.Assertions.assertThat;

/** What each cluster overlay deploys: the workloads per cluster, their labels, probes, resources and security. */
class ManifestClusterOverlaysTest {

    private static final Set<String> SERVICES = Set.of("user-service", "movie-service", "booking-service");
    /** The volume types Pod Security "restricted" allows. */
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "downwardAPI", "emptyDir", "projected",
            "secret", "csi", "persistentVolumeClaim", "ephemeral", "image");

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2", "ctx1-admin", "ctx2-admin"})
    void everyPodTemplatePassesPodSecurityRestricted(String overlay) {
        for (JsonNode deployment : ofKind(render("clusters/" + overlay), "Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode podSc = pod.path("securityContext");
            String what = overlay + " " + name(deployment);
            assertThat(podSc.path("runAsNonRoot").asBoolean()).as("%s runAsNonRoot", what).isTrue();
            assertThat(podSc.path("runAsUser").isInt()).as("%s numeric runAsUser", what).isTrue();
            assertThat(podSc.path("runAsUser").asInt()).as("%s runAsUser", what).isNotIn(0, 1337);
            assertThat(podSc.path("runAsGroup").asInt()).as("%s runAsGroup", what).isNotIn(0, 1337);
            assertThat(podSc.path("seccompProfile").path("type").asText())
                    .as("%s pod-level seccomp (the injected istio-proxy has none of its own)", what)
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.path("hostNetwork").asBoolean() || pod.path("hostPID").asBoolean()
                               || pod.path("hostIPC").asBoolean()).as("%s host namespaces", what).isFalse();
            for (JsonNode volume : pod.path("volumes")) {
                assertThat(fieldNames(volume)).as("%s volume %s", what, volume.path("name").asText())
                        .filteredOn(f -> !f.equals("name")).allMatch(RESTRICTED_VOLUMES::contains);
            }
            for (JsonNode container : containers(pod)) {
                JsonNode sc = container.path("securityContext");
                String c = what + " container " + container.path("name").asText();
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean()
                                   && !sc.path("allowPrivilegeEscalation").asBoolean()).as("%s no escalation", c).isTrue();
                assertThat(sc.path("privileged").asBoolean()).as("%s privileged", c).isFalse();
                assertThat(texts(sc.path("capabilities").path("drop"))).as("%s drops ALL", c).contains("ALL");
                assertThat(texts(sc.path("capabilities").path("add"))).as("%s adds", c)
                        .allMatch("NET_BIND_SERVICE"::equals);
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("%s read-only root", c).isTrue();
                assertThat(sc.path("runAsUser").asInt(10001)).as("%s container runAsUser", c).isNotIn(0, 1337);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2"})
    void everyContainerHasProbesAndResourceRequestsAndLimits(String overlay) {
        for (JsonNode deployment : ofKind(render("clusters/" + overlay), "Deployment")) {
            for (JsonNode container : containers(deployment.path("spec").path("template").path("spec"))) {
                String c = name(deployment) + " " + container.path("name").asText();
                assertThat(container.has("livenessProbe") && container.has("readinessProbe")).as(c).isTrue();
                for (String kind : List.of("requests", "limits")) {
                    assertThat(container.path("resources").path(kind).has("cpu")
                                       && container.path("resources").path(kind).has("memory")).as("%s %s", c, kind).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2"})
    void javaWorkloadsProbeTheHealthEndpointsAndHaveAWritableTmpAndContainerAwareHeap(String overlay) {
        List<JsonNode> objects = render("clusters/" + overlay);
        JsonNode jvmOptions = ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().startsWith("jvm-options")).findFirst().orElseThrow();
        assertThat(jvmOptions.path("data").path("JAVA_TOOL_OPTIONS").asText()).contains("-XX:MaxRAMPercentage=");
        for (JsonNode deployment : javaDeployments(objects)) {
            JsonNode app = containers(deployment.path("spec").path("template").path("spec")).getFirst();
            String d = name(deployment);
            assertThat(app.path("startupProbe").path("httpGet").path("path").asText()).as(d).isEqualTo("/health/live");
            assertThat(app.path("livenessProbe").path("httpGet").path("path").asText()).as(d).isEqualTo("/health/live");
            assertThat(app.path("readinessProbe").path("httpGet").path("path").asText()).as(d).isEqualTo("/health/ready");
            assertThat(app.path("volumeMounts")).as("%s /tmp", d)
                    .anyMatch(m -> m.path("mountPath").asText().equals("/tmp"));
            JsonNode javaOptions = env(app, "JAVA_TOOL_OPTIONS");
            assertThat(javaOptions.path("valueFrom").path("configMapKeyRef").path("name").asText()).as(d)
                    .isEqualTo(jvmOptions.path("metadata").path("name").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2"})
    void everyWorkloadCarriesAppVersionAndItsClusterAndKnowsItsClusterName(String overlay) {
        for (JsonNode deployment : ofKind(render("clusters/" + overlay), "Deployment")) {
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            String d = name(deployment);
            assertThat(labels.path("app").asText()).as(d).isNotEmpty();
            assertThat(labels.path("version").asText()).as(d).isNotEmpty();
            assertThat(labels.path("cluster").asText()).as(d).isEqualTo(overlay);
            assertThat(deployment.path("metadata").path("name").asText()).as(d).endsWith("-" + overlay);
            assertThat(fieldNames(deployment.path("spec").path("selector").path("matchLabels")))
                    .as("%s selector: app only, so it never changes between overlays", d).containsExactly("app");
            JsonNode app = containers(deployment.path("spec").path("template").path("spec")).getFirst();
            if (!labels.path("app").asText().equals("redis")) {
                assertThat(env(app, "CLUSTER_NAME").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                        .as("%s CLUSTER_NAME is the pod's cluster label", d).isEqualTo("metadata.labels['cluster']");
            }
        }
    }

    @Test
    void ctx1RunsTheGatewayAndNoRedisWhileCtx2RunsRedisAndNoGateway() {
        assertThat(apps(render("clusters/ctx1"))).containsExactlyInAnyOrder(
                "user-service", "movie-service", "booking-service", "api-gateway");
        assertThat(apps(render("clusters/ctx2"))).containsExactlyInAnyOrder(
                "user-service", "movie-service", "booking-service", "redis");
    }

    @Test
    void theRedisServiceExistsInBothClustersAndTheGatewayServiceOnlyInCtx1() {
        assertThat(serviceNames(render("clusters/ctx1"))).containsExactlyInAnyOrder(
                "user-service", "movie-service", "booking-service", "redis", "api-gateway");
        assertThat(serviceNames(render("clusters/ctx2"))).containsExactlyInAnyOrder(
                "user-service", "movie-service", "booking-service", "redis");
    }

    @Test
    void sameNamedServicesAreIdenticalInBothClusters() {
        for (JsonNode service : ofKind(render("clusters/ctx2"), "Service")) {
            JsonNode inCtx1 = named(render("clusters/ctx1"), "Service", service.path("metadata").path("name").asText());
            assertThat(inCtx1.path("spec")).as(name(service)).isEqualTo(service.path("spec"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2"})
    void servicePortsAreNamedWithAnAppProtocol(String overlay) {
        for (JsonNode service : ofKind(render("clusters/" + overlay), "Service")) {
            for (JsonNode port : service.path("spec").path("ports")) {
                String expected = service.path("metadata").path("name").asText().equals("redis") ? "tcp-redis" : "http";
                assertThat(port.path("name").asText()).as(name(service)).isEqualTo(expected);
                assertThat(port.path("appProtocol").asText()).as(name(service)).isIn("http", "tcp");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2"})
    void theNamespaceIsInjectedAndEnforcesRestricted(String overlay) {
        List<JsonNode> objects = render("clusters/" + overlay);
        JsonNode labels = named(objects, "Namespace", "theater-msa").path("metadata").path("labels");
        assertThat(labels.path("istio-injection").asText()).isEqualTo("enabled");
        for (String mode : List.of("enforce", "warn", "audit")) {
            assertThat(labels.path("pod-security.kubernetes.io/" + mode).asText()).as(mode).isEqualTo("restricted");
        }
        assertThat(objects).filteredOn(o -> !o.path("kind").asText().equals("Namespace"))
                .allMatch(o -> o.path("metadata").path("namespace").asText().equals("theater-msa"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2"})
    void redisPasswordsComeOnlyFromTheRedisAuthSecret(String overlay) {
        List<JsonNode> objects = render("clusters/" + overlay);
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            for (JsonNode container : containers(deployment.path("spec").path("template").path("spec"))) {
                for (JsonNode env : container.path("env")) {
                    String var = env.path("name").asText();
                    if (var.contains("PASSWORD") || var.endsWith("_AUTH") || var.endsWith("TOKEN")) {
                        assertThat(env.has("value")).as("%s %s is a literal", name(deployment), var).isFalse();
                        assertThat(env.path("valueFrom").has("secretKeyRef")).as(var).isTrue();
                    }
                    if (var.equals("REDIS_PASSWORD")) {
                        assertThat(env.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("redis-auth");
                        assertThat(env.path("valueFrom").path("secretKeyRef").path("key").asText()).isEqualTo("password");
                        assertThat(env.path("valueFrom").path("secretKeyRef").path("optional").asBoolean()).isFalse();
                    }
                }
            }
        }
        JsonNode redisUsers = ofKind(objects, "Deployment").stream()
                .filter(d -> SERVICES.contains(d.path("spec").path("selector").path("matchLabels").path("app").asText()))
                .findFirst().orElseThrow();
        assertThat(env(containers(redisUsers.path("spec").path("template").path("spec")).getFirst(), "REDIS_URL")
                           .path("value").asText()).isEqualTo("redis://redis:6379");
    }

    @Test
    void redisRunsAsTheImagesRedisUserWithThePasswordFromTheSecretAndNoPersistence() {
        JsonNode redis = named(render("clusters/ctx2"), "Deployment", "redis-ctx2");
        JsonNode pod = redis.path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(999);
        JsonNode container = containers(pod).getFirst();
        List<String> args = texts(container.path("args"));
        assertThat(args).containsSequence("--requirepass", "$(REDIS_PASSWORD)").containsSequence("--appendonly", "no")
                .containsSequence("--save", "");
        assertThat(container.path("volumeMounts")).anyMatch(m -> m.path("mountPath").asText().equals("/data"));
        assertThat(pod.path("volumes")).allMatch(v -> v.has("emptyDir"));
    }

    @Test
    void theGatewayReadsItsNamespaceAndOptionalRemoteKubeconfigAndAdminToken() {
        JsonNode gateway = named(render("clusters/ctx1"), "Deployment", "api-gateway-ctx1");
        JsonNode pod = gateway.path("spec").path("template").path("spec");
        JsonNode app = containers(pod).getFirst();
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("api-gateway");
        assertThat(env(app, "NAMESPACE").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .isEqualTo("metadata.namespace");
        assertThat(env(app, "ADMIN_TOKEN").path("valueFrom").path("secretKeyRef").path("optional").asBoolean()).isTrue();
        String kubeconfig = env(app, "REMOTE_KUBECONFIG").path("value").asText();
        JsonNode volume = StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(v -> v.path("secret").path("secretName").asText().equals("remote-kubeconfig")).findFirst().orElseThrow();
        assertThat(volume.path("secret").path("optional").asBoolean()).isTrue();
        assertThat(app.path("volumeMounts")).anyMatch(m -> m.path("name").asText().equals(volume.path("name").asText())
                && kubeconfig.startsWith(m.path("mountPath").asText() + "/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctx1", "ctx2", "ctx1-admin", "ctx2-admin"})
    void noSecretCarriesDataAndOnlyTheRemoteReaderTokenSecretExists(String overlay) {
        List<JsonNode> secrets = ofKind(render("clusters/" + overlay), "Secret");
        assertThat(secrets).allMatch(s -> !s.has("data") && !s.has("stringData"));
        assertThat(secrets).allMatch(s -> s.path("type").asText().equals("kubernetes.io/service-account-token"));
        assertThat(secrets).hasSize(overlay.startsWith("ctx2") ? 1 : 0);
    }

    static List<JsonNode> javaDeployments(List<JsonNode> objects) {
        return ofKind(objects, "Deployment").stream()
                .filter(d -> !d.path("spec").path("selector").path("matchLabels").path("app").asText().equals("redis"))
                .toList();
    }

    /** The app containers first (the first one is the workload's own), then any init containers. */
    static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> all = new ArrayList<>();
        podSpec.path("containers").forEach(all::add);
        podSpec.path("initContainers").forEach(all::add);
        return all;
    }

    static JsonNode env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.path("name").asText()));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> apps(List<JsonNode> objects) {
        return ofKind(objects, "Deployment").stream()
                .map(d -> d.path("spec").path("template").path("metadata").path("labels").path("app").asText()).toList();
    }

    private static List<String> serviceNames(List<JsonNode> objects) {
        return ofKind(objects, "Service").stream().map(s -> s.path("metadata").path("name").asText()).toList();
    }
}
