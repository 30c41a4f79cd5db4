package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KubeconfigTest {

    @TempDir
    Path dir;

    @Test
    void writesOneContextPerClusterTheTokenAndTheNamespaceReadableByItsOwnerOnly() throws IOException {
        ServerCertificate certificate = ServerCertificate.generate(Clock.systemUTC(), new SecureRandom());
        Path file = dir.resolve(".theater/kubeconfig");

        Kubeconfig.write(file, List.of(new Kubeconfig.Context("ctx1", "https://127.0.0.1:18081"),
                                       new Kubeconfig.Context("ctx2", "https://127.0.0.1:18082")),
                         certificate, "secret-token", "theater-msa");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode config = JsonMappers.YAML.readTree(file.toFile());
        assertThat(config.path("current-context").asText()).isEqualTo("ctx1");
        assertThat(config.path("contexts")).extracting(c -> c.path("name").asText()).containsExactly("ctx1", "ctx2");
        assertThat(config.path("contexts").get(1).path("context").path("namespace").asText()).isEqualTo("theater-msa");
        assertThat(config.path("clusters").get(1).path("cluster").path("server").asText())
                .isEqualTo("https://127.0.0.1:18082");
        assertThat(new String(Base64.getDecoder().decode(config.path("clusters").get(0).path("cluster")
                                                                  .path("certificate-authority-data").asText())))
                .isEqualTo(certificate.caPem());
        assertThat(config.path("users").get(0).path("user").path("token").asText()).isEqualTo("secret-token");
    }
}
