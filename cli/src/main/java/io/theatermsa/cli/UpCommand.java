package io.theatermsa.cli;

import io.theatermsa.cli.exercise.ExerciseBoard;
import io.theatermsa.cli.local.LocalKubeApi;
import io.theatermsa.cli.local.LocalStack;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.RunningWorkload;
import io.theatermsa.cli.local.StackLock;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.kubeapi.BearerTokens;
import io.theatermsa.mesh.config.Severity;
import io.theatermsa.platform.redis.EmbeddedRedis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code theater up}: runs the whole cinema locally until Ctrl-C or SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true,
         description = {"로컬에서 전체 스택을 실행합니다 / run the whole stack locally",
                        "Redis, 두 클러스터(ctx1, ctx2)의 user/movie/booking, ctx1 의 게이트웨이 / "
                        + "Redis, user/movie/booking in ctx1 and ctx2, the gateway in ctx1",
                        "클러스터마다 kubectl 용 쿠버네티스 API, .theater/kubeconfig / "
                        + "a Kubernetes API per cluster for kubectl, .theater/kubeconfig"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"130:Ctrl-C 로 멈춤 (SIGTERM 이면 143) / stopped with Ctrl-C (143 with SIGTERM)",
                         "1:시작하지 못함, 이 폴더의 스택이 이미 실행 중일 때도 / could not start, also when a stack from "
                         + "this folder already runs",
                         ExitCodes.USAGE_TEXT + " (포트 사용 중 포함 / a port in use too)"})
final class UpCommand implements Callable<Integer> {

    static final int USAGE_ERROR = ExitCodes.USAGE;
    static final String BIND_HOST = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "게이트웨이(대시보드) 포트 / gateway (dashboard) port (기본값 / default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--scenario", paramLabel = "DIR", defaultValue = "k8s/practice/01-initial",
            description = "시작할 때 불러올 메시 설정 디렉터리; 시작점만 정하며 scenario reset 은 언제나 01 로 돌아갑니다 / "
                          + "mesh config directory the stack starts with; it only sets the start: scenario reset "
                          + "always goes back to 01 (기본값 / default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = {"-q", "--quiet"},
            description = "진행 줄 없이 배너만 / only the banner, no progress lines (./theater 의 빌드 진행도 / the "
                          + "./theater script's build progress too)")
    boolean quiet;

    @ParentCommand
    Theater theater;

    @Override
    public Integer call() throws InterruptedException {
        Path home = theater.home();
        Path scenarioDir = ProjectHome.file(home, scenario);
        if (!Files.exists(scenarioDir)) {
            System.err.println(MissingScenario.message(home, scenario, scenarioDir));
            return USAGE_ERROR;
        }
        if (port < 0 || port > 65535) {
            System.err.println("오류: 포트는 0-65535 / error: --port must be 0-65535, not " + port);
            return USAGE_ERROR;
        }
        Optional<StackLock> lock = StackLock.tryAcquire(home);
        if (lock.isEmpty()) {
            refuseSecondStack(home);
            theater.archive().failed();
            return 1;
        }
        StackLock held = lock.get();
        try (held) {
            stopWhatAKilledStackLeft(home);
            return run(home, scenarioDir);
        }
    }

    /**
     * With the lock held no stack of this folder runs, so a state file still there is one a killed stack (SIGKILL,
     * no shutdown hook) left, and so may be its embedded redis-server.
     */
    private void stopWhatAKilledStackLeft(Path home) {
        RunState.readFrom(RunState.fileIn(home))
                .filter(stale -> !stale.isAlive())
                .flatMap(stale -> EmbeddedRedis.stopLeftBehind(stale.redisUrl()))
                .ifPresent(pid -> progress("정리 / cleaned up: 멈춘 스택이 남긴 Redis (pid " + pid + ") 를 멈췄습니다 / "
                                           + "stopped the Redis a killed stack left running (pid " + pid + ")"));
    }

    private Integer run(Path home, Path scenarioDir) throws InterruptedException {
        progress("시작 중 / starting ...");
        SecureRandom random = new SecureRandom();
        AdminToken token = AdminToken.generate(random);
        String readOnlyToken = BearerTokens.generate(random).readOnly();
        LocalStack stack;
        try {
            stack = LocalStack.start(new LocalStack.Settings(BIND_HOST, port, home, scenarioDir,
                                                             theater.variable("REDIS_URL").orElse(null), token, theater.topology(),
                                                             readOnlyToken, LocalKubeApi.fileIn(home),
                                                             new ExerciseBoard(home, theater.topology(),
                                                                     () -> RunState.running(home))));
        } catch (RuntimeException e) {
            Optional<BindException> refused = bindFailure(e);
            if (refused.isPresent()) {
                System.err.println("오류: 포트 " + port + " 을(를) 쓸 수 없습니다 (이미 사용 중이거나 허용되지 않음)."
                                   + " --port 로 다른 포트를 지정하세요.");
                System.err.println("error: port " + port + " is already in use or not allowed ("
                                   + refused.get().getMessage() + "); choose another with --port");
                return USAGE_ERROR;
            }
            System.err.println("오류: 시작하지 못했습니다 / error: could not start: " + e.getMessage());
            theater.archive().failed();
            return 1;
        }
        Path stateFile = RunState.fileIn(home);
        RunState state = new RunState(ProcessHandle.current().pid(), stack.url(), stack.redisUrl(),
                                      scenarioDir.toString(), Instant.now(), stack.workloads(), token.value(),
                                      readOnlyToken, stack.kubeApi().kubeconfig().toString());
        state.writeTo(stateFile);
        stack.onPodsChanged(() -> {
            synchronized (state) {
                state.withWorkloads(stack.workloads()).writeTo(stateFile);
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            progress("\n중지 중 / stopping ...");
            stack.close();
            deleteQuietly(stateFile);
            theater.archive().completed(); // a stack that started loaded everything a start loads
            System.out.println("중지됨 / stopped");
            stopped.countDown();
        }, "theater-shutdown"));
        printBanner(stack, scenarioDir, token, stateFile);
        stopped.await();
        return 0;
    }

    /** What the user can do instead: use the stack that runs, or stop it first. */
    private static void refuseSecondStack(Path home) {
        String which = RunState.running(home)
                .map(running -> " (pid " + running.pid() + ", " + running.url() + ")")
                .orElse("");
        System.err.println("오류: 이 폴더의 스택이 이미 실행 중입니다" + which + ". 두 번째 스택은 띄우지 않습니다: 실행 중인 "
                           + "스택에 ./theater scenario apply 나 kubectl 로 적용하거나, 먼저 그 스택을 멈추세요 (그 터미널에서 "
                           + "Ctrl-C). 스택을 하나 더 띄우려면 저장소를 따로 하나 더 클론하세요.");
        System.err.println("error: a stack from this folder is already running" + which + "; a second one is not "
                           + "started: apply to the running stack (./theater scenario apply, kubectl), or stop it "
                           + "first (Ctrl-C in its terminal). For a second stack, use a second clone of the repository.");
    }

    private void progress(String line) {
        if (!quiet) {
            System.out.println(line);
        }
    }

    private static void printBanner(LocalStack stack, Path scenarioDir, AdminToken token, Path stateFile) {
        System.out.println("Theater MSA 로컬 실행 중 / running locally");
        System.out.println("  대시보드 / dashboard:  " + stack.url());
        System.out.println("  시나리오 / scenario:   " + scenarioDir);
        System.out.println("  Redis:                " + stack.redisUrl());
        System.out.println("  관리자 토큰 / admin token: " + token.value() + "  (" + stateFile + ")");
        stack.kubeApi().urls().forEach((cluster, url) ->
                System.out.println("  쿠버네티스 API / Kubernetes API " + cluster + ": " + url));
        stack.mesh().findings().stream()
                .filter(d -> d.severity() != Severity.INFO)
                .forEach(d -> System.out.println("  " + d.format()));
        Table table = new Table("SERVICE", "CLUSTER", "POD", "URL");
        for (RunningWorkload w : stack.workloads()) {
            table.row(w.service(), w.cluster(), w.pod(), w.url());
        }
        table.print(System.out);
        System.out.print(KubeconfigCommand.exportLines(stack.kubeApi().kubeconfig()));
        System.out.print(KubeconfigCommand.readOnlyExportLines(LocalKubeApi.readOnlyNextTo(
                stack.kubeApi().kubeconfig())));
        System.out.println("중지하려면 Ctrl-C / press Ctrl-C to stop");
        System.out.flush();
    }

    /** The bind that failed the start: the dashboard's port (the stack's other listeners take any free one). */
    private static Optional<BindException> bindFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return Optional.of(bind);
            }
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The next `status` treats a state file of a dead process as "not running".
        }
    }
}
