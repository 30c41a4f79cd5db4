package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.cli.local.Scenarios;
import io.theatermsa.kubeapi.testing.Kubectl;
import io.theatermsa.platform.testing.Folders;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./theater up} as a user runs it: a real process started from the checkout, probed over HTTP, then stopped
 * with SIGTERM; nothing may be left running. Runs after {@code package} (failsafe), with building forbidden.
 */
class TheaterUpIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path scenarios;

    /** The certificate a stack keeps in the checkout's {@code .theater/kube-pki}: removed after if the test made it. */
    private static final Path PKI = HOME.resolve(".theater/kube-pki");
    /** The file a stack locks ({@code StackLock}), kept after it stops: removed after if the test made it. */
    private static final Path LOCK = HOME.resolve(".theater/up.lock");
    private boolean pkiWasThere;
    private boolean lockWasThere;

    @BeforeEach
    void notePkiAndLock() {
        pkiWasThere = Files.exists(PKI);
        lockWasThere = Files.exists(LOCK);
    }

    @AfterEach
    void leaveNothingBehind() throws IOException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (!pkiWasThere) {
            Folders.deleteTree(PKI);
        }
        if (!lockWasThere) {
            Files.deleteIfExists(LOCK);
        }
    }

    @Test
    void upServesTheCinemaThenSigtermStopsEverythingIncludingRedis() throws Exception {
        int port = freePort();
        Running up = start("up", "--port", String.valueOf(port));
        String url = up.awaitLine(line -> line.contains("http://127.0.0.1:" + port + "/"), STARTUP);
        assertThat(url).contains("대시보드 / dashboard");
        String token = up.awaitLine(line -> line.contains("관리자 토큰 / admin token:"), Duration.ofSeconds(10));
        up.awaitLine(line -> line.contains("Ctrl-C"), Duration.ofSeconds(10));
        Path stateFile = HOME.resolve(".theater/state.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile))).isEqualTo("rw-------");
        String adminToken = new ObjectMapper().readTree(stateFile.toFile()).get("adminToken").asText();
        assertThat(adminToken).matches("[A-Za-z0-9_-]{43}");
        assertThat(token).contains(adminToken);
        Path kubeconfig = HOME.resolve(".theater/kubeconfig");
        String exportLine = "export KUBECONFIG=" + kubeconfig;
        assertThat(up.lines).contains(exportLine);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-------");
        JsonNode state = new ObjectMapper().readTree(stateFile.toFile());
        assertThat(state.get("readOnlyToken").asText()).matches("[0-9a-f]{48}");
        assertThat(state.get("kubeconfig").asText()).isEqualTo(kubeconfig.toString());
        String stateBefore = Files.readString(stateFile);
        Running second = finished(start("up", "--port", String.valueOf(freePort())));
        assertThat(second.process.exitValue()).as(String.join("\n", second.lines)).isEqualTo(1);
        assertThat(String.join("\n", second.lines))
                .contains("error: a stack from this folder is already running (pid " + up.process.pid() + ", ")
                .contains("이 폴더의 스택이 이미 실행 중입니다");
        assertThat(Files.readString(stateFile)).as("the running stack's state is untouched").isEqualTo(stateBefore);
        assertThat(kubeconfig).exists();
        Running printed = finished(start("kubeconfig"));
        assertThat(printed.process.exitValue()).isZero();
        assertThat(printed.lines).contains(exportLine);
        Kubectl.Result listed = new Kubectl(scenarios, kubeconfig, Map.of()).run("--context", "ctx2", "get", "vs");
        assertThat(listed.exitCode()).as(listed.all()).isZero();
        assertThat(listed.out()).contains("user-service-vs");
        Path readOnly = HOME.resolve(".theater/kubeconfig-readonly");
        assertThat(up.lines).contains("export KUBECONFIG=" + readOnly);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(readOnly))).isEqualTo("rw-------");
        assertThat(finished(start("kubeconfig", "--read-only")).lines).contains("export KUBECONFIG=" + readOnly);
        Kubectl.Result forbidden = new Kubectl(scenarios, readOnly, Map.of())
                .run("--context", "ctx2", "scale", "deployment", "user-service-ctx2", "--replicas=3");
        assertThat(forbidden.err()).contains("Error from server (Forbidden)", "User \"theater-student\" cannot");

        Kubectl kubectl = new Kubectl(scenarios, kubeconfig, Map.of());
        assertThat(kubectl.run("--context", "ctx2", "scale", "deployment", "user-service-ctx2", "--replicas=2")
                           .exitCode()).isZero();
        List<String> scaled = await().atMost(Duration.ofSeconds(10))
                .until(() -> podsInState(stateFile, "user-service", "ctx2"), pods -> pods.size() == 2);
        assertThat(String.join("\n", finished(start("status")).lines)).contains(scaled.get(0)).contains(scaled.get(1));
        assertThat(kubectl.run("--context", "ctx2", "delete", "pod", scaled.getFirst()).exitCode()).isZero();
        List<String> replaced = await().atMost(Duration.ofSeconds(10))
                .until(() -> podsInState(stateFile, "user-service", "ctx2"),
                       pods -> pods.size() == 2 && !pods.contains(scaled.getFirst()));
        assertThat(replaced).contains(scaled.get(1));
        assertThat(String.join("\n", finished(start("status")).lines)).doesNotContain(scaled.getFirst())
                .contains(replaced.get(0)).contains(replaced.get(1));

        HttpResponse<String> users = get("http://127.0.0.1:" + port + "/users/");
        assertThat(users.statusCode()).isEqualTo(200);
        JsonNode list = new ObjectMapper().readTree(users.body());
        assertThat(list).extracting(u -> u.get("name").asText()).containsExactlyInAnyOrder("홍길동", "이순신", "김유신");
        assertThat(users.headers().firstValue("X-Service-Cluster")).hasValueSatisfying(c -> assertThat(c).isIn("ctx1", "ctx2"));
        assertThat(get("http://127.0.0.1:" + port + "/").body()).contains("<html");

        Running status = start("status");
        assertThat(status.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        status.drained();
        assertThat(status.process.exitValue()).isZero();
        assertThat(String.join("\n", status.lines)).contains("api-gateway").contains("user-service")
                .contains("booking-service").contains("yes");

        Path scenario = Files.writeString(scenarios.resolve("all-ctx2.yaml"), Scenarios.ALL_USERS_TO_CTX2);
        Running apply = finished(start("scenario", "apply", scenario.toString()));
        assertThat(apply.process.exitValue()).as(String.join("\n", apply.lines)).isZero();
        assertThat(get("http://127.0.0.1:" + port + "/users/").headers().firstValue("X-Service-Cluster")).hasValue("ctx2");
        assertThat(String.join("\n", finished(start("status")).lines)).contains(scenario + "  (세대 / generation 2)");
        assertThat(finished(start("scenario", "reset")).process.exitValue()).isZero();

        List<ProcessHandle> children = up.process.descendants().toList();
        assertThat(children).as("the embedded redis-server runs as a child").isNotEmpty();
        up.process.toHandle().destroy(); // SIGTERM, keeping our end of its output open (Process.destroy closes it)
        assertThat(up.process.waitFor(30, TimeUnit.SECONDS)).as("theater up exits after SIGTERM").isTrue();
        assertThat(up.process.exitValue()).as("128 + SIGTERM, as its help says").isEqualTo(143);
        up.drained();
        for (ProcessHandle child : children) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("child %s stopped", child.pid()).isFalse();
        }
        assertThat(up.lines).anyMatch(l -> l.contains("중지됨 / stopped")).noneMatch(l -> l.contains("SLF4J"));
        assertThat(Files.exists(HOME.resolve(".theater/state.json"))).isFalse();
        assertThat(kubeconfig).as("no kubeconfig is left naming the stopped servers").doesNotExist();
        assertThat(readOnly).doesNotExist();

        Running after = start("status");
        assertThat(after.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(after.process.exitValue()).isEqualTo(3);
        assertThat(finished(start("kubeconfig")).process.exitValue()).isEqualTo(3);
    }

    @Test
    void theNextUpStopsTheRedisAStackKilledWithSigkillLeftRunning() throws Exception {
        Running killed = start("up", "--port", "0");
        killed.awaitLine(line -> line.contains("Ctrl-C"), STARTUP);
        ProcessHandle redis = killed.process.descendants()
                .filter(p -> p.info().command().orElse("").contains("redis-server")).findFirst().orElseThrow();
        try {
            killed.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(redis.isAlive()).as("left running: no shutdown hook ran").isTrue();

            Running next = start("up", "--port", "0");
            next.awaitLine(line -> line.contains("Ctrl-C"), STARTUP);

            assertThat(next.lines).anyMatch(line -> line.contains(
                    "stopped the Redis a killed stack left running (pid " + redis.pid() + ")"));
            assertThat(redis.isAlive()).isFalse();
        } finally {
            redis.destroyForcibly();
        }
    }

    @Test
    void aPortInUseIsAClearErrorWithExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Running up = start("up", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(up.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(up.process.exitValue()).isEqualTo(2);
            up.drained();
            assertThat(String.join("\n", up.lines)).contains("port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void lintChecksThePracticeScenarioWithoutAStack() throws Exception {
        Running lint = finished(start("lint", "k8s/practice/01-initial"));

        assertThat(lint.process.exitValue()).as(String.join("\n", lint.lines)).isZero();
        assertThat(lint.lines).anyMatch(l -> l.startsWith("요약 / summary: 0 errors"));
    }

    /** The pods of {@code service} in {@code cluster} that {@code .theater/state.json} lists. */
    private static List<String> podsInState(Path stateFile, String service, String cluster) throws IOException {
        List<String> pods = new ArrayList<>();
        for (JsonNode workload : new ObjectMapper().readTree(stateFile.toFile()).get("workloads")) {
            if (workload.get("service").asText().equals(service) && workload.get("cluster").asText().equals(cluster)) {
                pods.add(workload.get("pod").asText());
            }
        }
        return pods;
    }

    private static Running finished(Running running) throws InterruptedException {
        assertThat(running.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        running.drained();
        return running;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("theater").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().put("THEATER_NO_BUILD", "1");
        builder.environment().remove("REDIS_URL");
        Process process = builder.start();
        processes.add(process);
        return new Running(process);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** A started process whose output lines are collected by a reader thread. */
    private static final class Running {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        Running(Process process) {
            this.process = process;
            this.reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
        }

        String awaitLine(java.util.function.Predicate<String> wanted, Duration limit) {
            try {
                return await().atMost(limit)
                        .failFast("the process ended", () -> !process.isAlive() && !reader.isAlive())
                        .until(() -> lines.stream().filter(wanted).findFirst(), Optional::isPresent)
                        .orElseThrow();
            } catch (ConditionTimeoutException | TerminalFailureException e) {
                throw new AssertionError("line not seen within " + limit + " (" + e.getMessage()
                        + "); output so far:\n" + String.join("\n", lines), e);
            }
        }

        void drained() throws InterruptedException {
            reader.join(Duration.ofSeconds(10));
        }
    }
}
