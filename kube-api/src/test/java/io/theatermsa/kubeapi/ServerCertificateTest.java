package io.theatermsa.kubeapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The API servers' certificate kept between starts: reused while sound, made anew otherwise. */
class ServerCertificateTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void theFirstStartMakesTheCertificateAndKeepsItInOneFileReadableByItsOwnerOnly() throws IOException {
        ServerCertificate made = ServerCertificate.reusedOrMade(dir, at(NOW), random);

        Path file = dir.resolve("apiserver.pem");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith(made.caPem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(made.caCertificate().getNotAfter().toInstant())
                .isAfter(NOW.plus(ServerCertificate.VALIDITY).minus(Duration.ofMinutes(2)));
    }

    @Test
    void aLaterStartReusesItAndItsServersAnswerOverTls() throws Exception {
        ServerCertificate first = ServerCertificate.reusedOrMade(dir, Clock.systemUTC(), random);

        ServerCertificate again = ServerCertificate.reusedOrMade(dir, Clock.systemUTC(), random);

        assertThat(again.caPem()).isEqualTo(first.caPem());
        assertThat(again.serverCertificate()).isEqualTo(first.serverCertificate());
        try (KubeApiServer server = KubeApiServer.start(ClusterStore.withNamespaces("default"), new MeshAdmission(),
                new BearerTokens("admin-token", "student-token"), again, 0);
             ApiClient client = new ApiClient(server, first)) {
            HttpResponse<String> response = client.send(client.request("/apis").build());
            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aCertificateWithLessThanAMonthLeftIsReplaced() {
        ServerCertificate first = ServerCertificate.reusedOrMade(dir, at(NOW), random);
        Instant late = NOW.plus(ServerCertificate.VALIDITY).minus(StoredCertificate.RENEW_BEFORE)
                .plus(Duration.ofDays(1));

        ServerCertificate renewed = ServerCertificate.reusedOrMade(dir, at(late), random);

        assertThat(renewed.caPem()).isNotEqualTo(first.caPem());
        assertThat(StoredCertificate.read(dir, late)).get().extracting(ServerCertificate::caPem)
                .isEqualTo(renewed.caPem());
    }

    @Test
    void aDamagedKeyIsReplacedNotFatal() throws IOException {
        ServerCertificate first = ServerCertificate.reusedOrMade(dir, at(NOW), random);
        Path file = dir.resolve("apiserver.pem");
        Files.writeString(file, Files.readString(file).replaceFirst("\n[A-Za-z0-9+/]{8}", "\n!!!!!!!!"));

        ServerCertificate replaced = ServerCertificate.reusedOrMade(dir, at(NOW), random);

        assertThat(replaced.caPem()).isNotEqualTo(first.caPem());
        assertThat(StoredCertificate.read(dir, NOW)).get().extracting(ServerCertificate::caPem)
                .isEqualTo(replaced.caPem());
    }

    @Test
    void aFileCutShortHoldsNoCertificate() throws IOException {
        ServerCertificate.reusedOrMade(dir, at(NOW), random);
        Path file = dir.resolve("apiserver.pem");
        String whole = Files.readString(file);
        Files.writeString(file, whole.substring(0, whole.lastIndexOf("-----BEGIN CERTIFICATE-----")));

        assertThat(StoredCertificate.read(dir, NOW)).isEmpty();
    }

    @Test
    void aMissingFileMeansNoStoredCertificate() {
        assertThat(StoredCertificate.read(dir, NOW)).isEmpty();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
