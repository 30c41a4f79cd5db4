package io.theatermsa.kubeapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    void theFirstStartMakesTheCertificateAndKeepsTheKeyReadableByItsOwnerOnly() throws IOException {
        ServerCertificate made = ServerCertificate.reusedOrMade(dir, at(NOW), random);

        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(made.caPem());
        assertThat(Files.readString(dir.resolve("apiserver.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("apiserver.key"))))
                .isEqualTo("rw-------");
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
        Instant late = NOW.plus(ServerCertificate.VALIDITY).minus(StoredCertificate.RENEW_BEFORE).plus(Duration.ofDays(1));

        ServerCertificate renewed = ServerCertificate.reusedOrMade(dir, at(late), random);

        assertThat(renewed.caPem()).isNotEqualTo(first.caPem());
        assertThat(StoredCertificate.read(dir, late)).get().extracting(ServerCertificate::caPem)
                .isEqualTo(renewed.caPem());
    }

    @Test
    void aDamagedKeyIsReplacedNotFatal() throws IOException {
        ServerCertificate first = ServerCertificate.reusedOrMade(dir, at(NOW), random);
        Files.writeString(dir.resolve("apiserver.key"), "-----BEGIN PRIVATE KEY-----\nnot base64 !\n"
                                                        + "-----END PRIVATE KEY-----\n");

        ServerCertificate replaced = ServerCertificate.reusedOrMade(dir, at(NOW), random);

        assertThat(replaced.caPem()).isNotEqualTo(first.caPem());
        assertThat(StoredCertificate.read(dir, NOW)).isPresent();
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws IOException {
        Path other = dir.resolve("other");
        ServerCertificate.reusedOrMade(other, at(NOW), random);
        Path mine = dir.resolve("mine");
        ServerCertificate.reusedOrMade(mine, at(NOW), random);
        Files.copy(other.resolve("apiserver.key"), mine.resolve("apiserver.key"),
                   StandardCopyOption.REPLACE_EXISTING);

        assertThat(StoredCertificate.read(mine, NOW)).isEmpty();
    }

    @Test
    void aServerCertificateTheCaDidNotSignIsRefused() throws IOException {
        Path other = dir.resolve("other");
        ServerCertificate.reusedOrMade(other, at(NOW), random);
        Path mine = dir.resolve("mine");
        ServerCertificate.reusedOrMade(mine, at(NOW), random);
        Files.copy(other.resolve("ca.crt"), mine.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);

        assertThat(StoredCertificate.read(mine, NOW)).isEmpty();
    }

    @Test
    void aMissingFileMeansNoStoredCertificate() throws IOException {
        ServerCertificate.reusedOrMade(dir, at(NOW), random);
        Files.delete(dir.resolve("apiserver.crt"));

        assertThat(StoredCertificate.read(dir, NOW)).isEmpty();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
