package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.platform.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a running {@code theater up} wrote about itself in {@code .theater/state.json}, so that
 * {@code theater status} (another process) can find and probe it.
 *
 * @param pid           the process id of the stack
 * @param url           the dashboard URL
 * @param redisUrl      the Redis the stack uses
 * @param scenario      the mesh config directory it loaded
 * @param startedAt     when it started
 * @param workloads     every workload it runs
 * @param adminToken    the token that changing the mesh through the gateway or kubectl requires
 * @param readOnlyToken the token that reads the Kubernetes APIs and writes nothing (a student's)
 * @param kubeconfig    the absolute path of the kubeconfig of the Kubernetes APIs
 */
public record RunState(long pid, String url, String redisUrl, String scenario, Instant startedAt,
                       List<RunningWorkload> workloads, String adminToken, String readOnlyToken,
                       String kubeconfig) {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final Duration PID_START_MARGIN = Duration.ofSeconds(5);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    public static Path fileIn(Path home) {
        return home.resolve(".theater").resolve("state.json");
    }

    /** The state of the stack running from {@code home}; empty when none is (no file, or its process is gone). */
    public static Optional<RunState> running(Path home) {
        return readFrom(fileIn(home)).filter(RunState::isAlive);
    }

    /**
     * Writes atomically (temp file + move), so a reader never sees half a file, readable by the owner only
     * ({@code 0600}): it holds the tokens.
     */
    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "state", ".json");
            ownerOnly(tmp);
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    public static Optional<RunState> readFrom(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), RunState.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The same state with the pods that run now. */
    public RunState withWorkloads(List<RunningWorkload> running) {
        return new RunState(pid, url, redisUrl, scenario, startedAt, running, adminToken, readOnlyToken, kubeconfig);
    }

    /**
     * True while the process that wrote the state is alive: a live process with the same pid that started after the
     * state was written (the pid given again, after a crash and a reboot) is another one. The start time the system
     * gives is coarse (the boot time it counts from is in whole seconds), hence the margin.
     */
    public boolean isAlive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().startInstant()
                        .map(started -> !started.isAfter(startedAt.plus(PID_START_MARGIN)))
                        .orElse(true))
                .orElse(false);
    }
}
