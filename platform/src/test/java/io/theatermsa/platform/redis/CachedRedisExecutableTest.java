package io.theatermsa.platform.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The redis-server binary extracted once and reused while whole. */
class CachedRedisExecutableTest {

    @TempDir
    Path cache;

    @Test
    void theFirstStartExtractsARunnableBinaryAndTheNextReusesIt() throws Exception {
        File first = new CachedRedisExecutable(cache).get();
        Files.setLastModifiedTime(first.toPath(), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

        File again = new CachedRedisExecutable(cache).get();

        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(again.toPath()).toInstant()).isEqualTo("2026-01-01T00:00:00Z");
        Process version = new ProcessBuilder(again.getPath(), "--version").redirectErrorStream(true).start();
        assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(version.getInputStream().readAllBytes())).startsWith("Redis server v=");
        try (var listing = Files.list(cache)) {
            assertThat(listing).containsExactly(again.toPath());
        }
    }

    @Test
    void aBinaryCutShortIsExtractedAgain() throws IOException {
        Path binary = new CachedRedisExecutable(cache).get().toPath();
        long whole = Files.size(binary);
        Files.write(binary, new byte[] {1, 2, 3});

        Path again = new CachedRedisExecutable(cache).get().toPath();

        assertThat(again).isEqualTo(binary);
        assertThat(Files.size(again)).isEqualTo(whole);
        assertThat(Files.isExecutable(again)).isTrue();
    }
}
