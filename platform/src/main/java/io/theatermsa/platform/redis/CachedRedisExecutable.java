package io.theatermsa.platform.redis;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The redis-server binary inside the embedded-redis jar, extracted once into a cache directory and reused while it
 * is whole (same size as in the jar; it is only ever moved into place complete). embedded-redis on its own extracts
 * the 9.7 MB binary to a new temporary file at every start: a twentieth of a second of a {@code theater up}.
 */
final class CachedRedisExecutable implements ExecutableProvider {

    private static final Map<OsArchitecture, String> BINARIES = ExecutableProvider.newProvidedVersionsMap();

    private final Path directory;

    CachedRedisExecutable(Path directory) {
        this.directory = directory;
    }

    /** {@code $XDG_CACHE_HOME/theater-msa}, or {@code ~/.cache/theater-msa}. */
    static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("theater-msa");
    }

    @Override
    public File get() throws IOException {
        String resource = BINARIES.get(OsArchitecture.detectOSandArchitecture());
        URL binary = resource == null ? null : RedisServer.class.getResource(resource);
        if (binary == null) {
            throw new IOException("embedded-redis ships no redis-server for this system ("
                                  + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + ")");
        }
        URLConnection connection = binary.openConnection();
        long size = connection.getContentLengthLong();
        Path target = directory.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (Files.isExecutable(target) && Files.size(target) == size) {
            return target.toFile();
        }
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, target.getFileName().toString(), ".partial");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwx------"));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target.toFile();
    }
}
