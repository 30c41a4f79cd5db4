package io.theatermsa.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.theatermsa.deploy.ManifestRendering.K8S;
import static io.theatermsa.deploy.ManifestRendering.REPO;
import static io.theatermsa.deploy.ManifestRendering.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jib configuration, read from the POMs (no registry is reachable offline, so no image is built here): one
 * configuration in the parent, switched on per deployable module, naming the images the manifests deploy.
 */
class ImageBuildConfigurationTest {

    private static final Element PARENT = pom(REPO.resolve("pom.xml"));

    @Test
    void theParentConfiguresJibOnceWithAJava21JreBaseANumericUserAndTheParentsRegistryAndTag() {
        Element jib = jibPlugin(child(child(child(PARENT, "build"), "pluginManagement"), "plugins")).orElseThrow();
        assertThat(text(jib, "version")).isEqualTo("${jib-maven-plugin.version}");
        assertThat(property(PARENT, "jib-maven-plugin.version")).isEqualTo("3.5.2");
        Element configuration = child(jib, "configuration");
        assertThat(text(child(configuration, "from"), "image")).matches("eclipse-temurin:21(\\.[0-9.+_]+)?-jre.*");
        assertThat(text(child(configuration, "to"), "image")).isEqualTo("${image.registry}/${image.name}:${image.tag}");
        String user = text(child(configuration, "container"), "user");
        assertThat(user).matches("[0-9]+:[0-9]+");
        for (String id : user.split(":")) {
            assertThat(Integer.parseInt(id)).as("uid/gid").isNotIn(0, 1337);
        }
        assertThat(children(jib, "executions")).as("no goal bound: ./mvnw verify never builds images").isEmpty();
        assertThat(property(PARENT, "image.registry")).isNotBlank();
        assertThat(property(PARENT, "image.tag")).isEqualTo("${project.version}");
        assertThat(property(PARENT, "jib.skip")).as("modules opt in").isEqualTo("true");
    }

    @Test
    void theManifestsRunTheJavaWorkloadsAsTheUserTheImageDeclares() {
        String user = text(child(child(jibPlugin(child(child(child(PARENT, "build"), "pluginManagement"), "plugins"))
                .orElseThrow(), "configuration"), "container"), "user");
        assertThat(ManifestClusterOverlaysTest.javaDeployments(ManifestRendering.render("clusters/ctx1")))
                .isNotEmpty()
                .allSatisfy(d -> {
                    var sc = d.path("spec").path("template").path("spec").path("securityContext");
                    assertThat(sc.path("runAsUser").asText() + ":" + sc.path("runAsGroup").asText()).isEqualTo(user);
                });
    }

    @ParameterizedTest
    @CsvSource({
            "services/user, user-service, 8081, io.theatermsa.user.Main",
            "services/movie, movie-service, 8082, io.theatermsa.movie.Main",
            "services/booking, booking-service, 8083, io.theatermsa.booking.Main",
            "gateway, api-gateway, 8080, io.theatermsa.gateway.Main"})
    void everyDeployableModuleOptsInWithItsImageNamePortAndMainClass(String module, String image, String port,
                                                                    String mainClass) {
        Element pom = pom(REPO.resolve(module).resolve("pom.xml"));
        assertThat(property(pom, "image.name")).isEqualTo(image);
        assertThat(property(pom, "image.port")).isEqualTo(port);
        assertThat(property(pom, "jib.skip")).isEqualTo("false");
        assertThat(property(pom, "image.registry")).as("registry only in the parent").isNull();
        assertThat(property(pom, "image.tag")).as("tag only in the parent").isNull();
        Element plugins = child(child(pom, "build"), "plugins");
        Element jib = jibPlugin(plugins).orElseThrow();
        assertThat(children(jib, "version")).as("version from the parent").isEmpty();
        for (Element configuration : children(jib, "configuration")) {
            List<String> keys = new ArrayList<>();
            for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    keys.add(e.getTagName());
                }
            }
            assertThat(keys).as("a module may only add files; base, user, image come from the parent")
                    .containsOnly("extraDirectories");
        }
        assertThat(children(jib, "executions")).isEmpty();
        // Jib takes the main class from the jar plugin's manifest.
        assertThat(read(REPO.resolve(module).resolve("pom.xml"))).contains("<mainClass>" + mainClass + "</mainClass>");
        String images = read(K8S.resolve("components/images/kustomization.yaml"));
        assertThat(images).contains("- name: " + property(PARENT, "image.registry") + "/" + image + "\n");
    }

    @Test
    void theGatewayImageCarriesThePracticeScenariosWhereTheGatewayLooksForThem() {
        Element gateway = jibPlugin(child(child(pom(REPO.resolve("gateway/pom.xml")), "build"), "plugins")).orElseThrow();
        Element path = child(child(child(child(gateway, "configuration"), "extraDirectories"), "paths"), "path");
        assertThat(text(path, "from")).isEqualTo("${project.basedir}/../k8s/practice");
        assertThat(text(path, "into")).isEqualTo("/app/scenarios");
        assertThat(read(REPO.resolve("gateway/src/main/java/io/theatermsa/gateway/admin/kubernetes/KubernetesSettings.java")))
                .contains("\"/app/scenarios\"");
    }

    @Test
    void theManifestsDefaultTagIsTheVersionJibTagsWith() {
        String version = text(PARENT, "version");
        String images = read(K8S.resolve("components/images/kustomization.yaml"));
        for (String image : List.of("user-service", "movie-service", "booking-service", "api-gateway")) {
            assertThat(images).contains("- name: theater-msa/" + image + "\n  newTag: " + version + "\n");
        }
    }

    private static Optional<Element> jibPlugin(Element plugins) {
        return children(plugins, "plugin").stream()
                .filter(p -> "jib-maven-plugin".equals(text(p, "artifactId"))
                        && "com.google.cloud.tools".equals(text(p, "groupId")))
                .findFirst();
    }

    private static String property(Element pom, String name) {
        List<Element> properties = children(pom, "properties");
        return properties.isEmpty() ? null : text(properties.getFirst(), name);
    }

    private static Element pom(Path file) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + file, e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
        return found.getFirst();
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst().getTextContent().trim();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
