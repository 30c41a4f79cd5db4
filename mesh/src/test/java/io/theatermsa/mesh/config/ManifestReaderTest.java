package io.theatermsa.mesh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one kustomization walker, as lint's inventory uses it: any kind, in order, in the namespace it lands in. */
class ManifestReaderTest {

    @Test
    void anOuterKustomizationForcesItsNamespaceAndListItemsKeepTheirPlace(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namespace: outer\nresources: [inner, pods.yaml]\n");
        Files.createDirectory(dir.resolve("inner"));
        Files.writeString(dir.resolve("inner/kustomization.yaml"), "namespace: inner\nresources: [svc.yaml]\n");
        Files.writeString(dir.resolve("inner/svc.yaml"), """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Service, metadata: {name: user-service}}
                - {apiVersion: v1, kind: Service, metadata: {name: movie-service, namespace: own}}
                """);
        Files.writeString(dir.resolve("pods.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: user-0}\n");
        Diagnostics problems = new Diagnostics();

        List<Manifest> read = new ManifestReader("theater-msa", problems).read(dir);

        assertThat(read).extracting(m -> m.kind() + " " + m.namespace() + "/" + m.name())
                .containsExactly("Service outer/user-service", "Service outer/movie-service", "Pod outer/user-0");
        assertThat(problems.toList()).isEmpty();
    }

    @Test
    void anObjectThatNamesNoNamespaceLandsInTheReadersNamespace() {
        Diagnostics problems = new Diagnostics();

        List<Manifest> read = new ManifestReader("cinema", problems).parse("svc.yaml", """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Service, metadata: {name: user-service}}
                - {apiVersion: v1, kind: Service, metadata: {name: movie-service, namespace: own}}
                """);

        assertThat(read).extracting(m -> m.namespace() + "/" + m.name())
                .containsExactly("cinema/user-service", "own/movie-service");
        assertThat(problems.toList()).isEmpty();
    }

    @Test
    void aJsonListReadsAsTheSameYamlWouldAndMalformedJsonIsAFinding() {
        Diagnostics problems = new Diagnostics();
        ManifestReader reader = new ManifestReader("cinema", problems);

        List<Manifest> read = reader.parse("kubectl (ctx1)", "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                + "{\"kind\":\"Service\",\"metadata\":{\"name\":\"user-service\"},\"spec\":{\"weight\":0.5}},"
                + "{\"kind\":\"Service\",\"metadata\":{\"name\":\"movie-service\",\"namespace\":\"own\"}}]}");
        List<Manifest> yaml = reader.parse("svc.yaml",
                "kind: List\nitems:\n- {kind: Service, metadata: {name: user-service}, spec: {weight: 0.5}}\n");

        assertThat(read).extracting(m -> m.namespace() + "/" + m.name())
                .containsExactly("cinema/user-service", "own/movie-service");
        assertThat(read.getFirst().node()).isEqualTo(yaml.getFirst().node());
        assertThat(problems.toList()).isEmpty();
        assertThat(reader.parse("two", "{\"kind\": \"Service\", \"metadata\": {\"name\": \"a\"}}\n---\n"
                + "{\"kind\": \"Service\", \"metadata\": {\"name\": \"b\"}}\n"))
                .as("JSON documents between YAML's --- lines are YAML").extracting(Manifest::name)
                .containsExactly("a", "b");
        assertThat(reader.parse("broken", "{\"kind\": ")).isEmpty();
        assertThat(problems.toList()).extracting(Diagnostic::code).containsExactly(Code.YAML_SYNTAX);
    }

    @Test
    void aPathReadTwiceIsReportedAndReadOnce(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("svc.yaml"), "kind: Service\nmetadata: {name: user-service}\n");
        Diagnostics problems = new Diagnostics();
        ManifestReader reader = new ManifestReader("theater-msa", problems);

        assertThat(reader.read(file)).hasSize(1);
        assertThat(reader.read(file)).isEmpty();
        assertThat(problems.toList()).extracting(Diagnostic::code).containsExactly(Code.UNREADABLE_SOURCE);
    }
}
