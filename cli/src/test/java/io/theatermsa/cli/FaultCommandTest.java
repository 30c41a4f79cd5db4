package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.fault.FaultChannel;
import io.theatermsa.platform.fault.FaultEffect;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code theater fault ...} against a real redis-server: what it stores, prints and exits with. */
@ExtendWith(RealRedis.class)
class FaultCommandTest {

    @TempDir
    Path home;

    RedisEndpoint redis;
    RedisConnector connector;
    FaultChannel channel;

    @BeforeEach
    void emptyRedis(RedisEndpoint redis) {
        this.redis = redis;
        connector = RedisConnector.connect(redis.url());
        RedisCommands<String, String> commands = connector.connection().sync();
        commands.flushall();
        channel = new FaultChannel(commands, Json.newMapper());
    }

    @AfterEach
    void close() {
        connector.close();
    }

    CommandRun fault(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "fault";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--redis-url";
        all[args.length + 2] = redis.url();
        return CommandRun.of(home, all);
    }

    @Test
    void errorIsStoredListedAndCleared() throws Exception {
        CommandRun set = fault("error", "--service", "user-service", "--cluster", "ctx2", "--rate", "100",
                               "--status", "503", "--duration", "60s");

        assertThat(set.exitCode()).as(set.all()).isZero();
        List<Fault> stored = channel.activeAt(Instant.now());
        assertThat(stored).singleElement().satisfies(f -> {
            assertThat(f.effect()).isEqualTo(new FaultEffect.Error(100, 503));
            assertThat(f.target().cluster()).isEqualTo("ctx2");
            assertThat(f.duration()).isEqualTo(Duration.ofSeconds(60));
        });
        String id = stored.getFirst().id();
        assertThat(set.out()).contains("장애 주입됨 / fault injected: " + id).contains("user-service@ctx2");

        CommandRun list = fault("list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(id).contains("error 503 at 100%");
        JsonNode listed = Json.newMapper().readTree(fault("list", "-o", "json").out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).path("service").asText()).isEqualTo("user-service");
        assertThat(listed.get(0).path("fault").asText()).isEqualTo("error 503 at 100%");
        assertThat(listed.get(0).path("secondsLeft").asLong()).isPositive();
        assertThat(listed.get(0).has("target")).isFalse();
        assertThat(fault("list", "-o", "wide").out()).contains("EXPIRES");

        assertThat(fault("clear", id).exitCode()).isZero();
        assertThat(channel.activeAt(Instant.now())).isEmpty();
        CommandRun again = fault("clear", id);
        assertThat(again.exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);   // not found is a usage error everywhere
        assertThat(again.err()).contains("no such fault: " + id);
        assertThat(fault("list").out()).contains("no faults in force");
    }

    @Test
    void everyKindCanBeInjectedAndClearedAll() {
        assertThat(fault("latency", "--service", "movie-service", "--pod", "movie-ctx1-0", "--uniform", "200ms..1s",
                         "--duration", "30s").exitCode()).isZero();
        assertThat(fault("latency", "--service", "movie-service", "--normal", "500ms,100ms", "--duration", "30s")
                           .exitCode()).isZero();
        assertThat(fault("hang", "--service", "booking-service", "--duration", "10s").exitCode()).isZero();
        assertThat(fault("down", "--service", "user-service", "--cluster", "ctx1", "--duration", "1m").exitCode())
                .isZero();
        CommandRun gradual = fault("gradual", "--service", "user-service", "--error-rate", "0..100", "--latency",
                                   "0ms..2s", "--over", "60s", "--duration", "120s");
        assertThat(gradual.exitCode()).as(gradual.all()).isZero();
        assertThat(channel.activeAt(Instant.now())).extracting(f -> f.effect().kind().label())
                .containsExactlyInAnyOrder("latency", "latency", "hang", "down", "gradual");

        CommandRun clear = fault("clear", "--all");
        assertThat(clear.exitCode()).isZero();
        assertThat(clear.out()).contains("(5)");
        assertThat(channel.all()).isEmpty();
    }

    @Test
    void invalidFaultsAreUsageErrorsWithClearMessages() {
        CommandRun rate = fault("error", "--service", "user-service", "--rate", "150", "--duration", "60s");
        assertThat(rate.exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);
        assertThat(rate.err()).contains("rate must be between 0 and 100");

        CommandRun twoShapes = fault("latency", "--service", "user-service", "--fixed", "1s", "--exponential", "1s",
                                     "--duration", "60s");
        assertThat(twoShapes.exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);
        assertThat(twoShapes.err()).contains("exactly one of --fixed, --uniform, --normal, --exponential");

        CommandRun tooLong = fault("down", "--service", "user-service", "--duration", "2h");
        assertThat(tooLong.exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);
        assertThat(tooLong.err()).contains("at most 1h");

        CommandRun badRange = fault("gradual", "--service", "user-service", "--error-rate", "0-100", "--over", "1m",
                                    "--duration", "2m");
        assertThat(badRange.exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);
        assertThat(badRange.err()).contains("--error-rate: '0-100' is not FROM..TO");

        CommandRun noService = fault("hang", "--duration", "10s");
        assertThat(noService.exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);
        assertThat(noService.err()).contains("--service");

        assertThat(fault("clear").exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);
        assertThat(channel.all()).isEmpty();
    }

    @Test
    void anUnknownServiceOrClusterIsRefusedBeforeAnythingIsStored() {
        CommandRun typo = fault("error", "--service", "user-servce", "--cluster", "ctx2", "--rate", "50",
                                "--duration", "10s");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.out()).isEmpty();
        assertThat(typo.err()).isEqualTo("오류: --service user-servce: 없는 서비스입니다. 가능한 값: user-service, "
                + "movie-service, booking-service / error: --service user-servce: no such service; must be one of: "
                + "user-service, movie-service, booking-service" + System.lineSeparator());

        CommandRun cluster = fault("hang", "--service", "user-service", "--cluster", "ctx3", "--duration", "10s");
        assertThat(cluster.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cluster.err()).contains("오류: --cluster ctx3: 없는 클러스터입니다. 가능한 값: ctx1, ctx2")
                .contains("error: --cluster ctx3: no such cluster; must be one of: ctx1, ctx2");

        CommandRun casing = fault("latency", "--service", "Movie-Service", "--fixed", "1s", "--duration", "10s");
        assertThat(casing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(casing.err()).contains("(did you mean movie-service?)");

        CommandRun both = fault("gradual", "--service", "movie", "--cluster", "ctx9", "--error-rate", "0..100",
                                "--over", "1m", "--duration", "2m");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err().lines()).hasSize(2);
        assertThat(both.err()).contains("--service movie").contains("--cluster ctx9");

        assertThat(channel.all()).isEmpty();
    }

    @Test
    void theGatewayAndTheStoreCannotBeFaultedTheMessageSaysWhichServicesCan() {
        for (String workload : List.of("api-gateway", "redis")) {
            CommandRun down = fault("down", "--service", workload, "--duration", "30s");

            assertThat(down.exitCode()).as(workload).isEqualTo(ExitCodes.USAGE);
            assertThat(down.err()).startsWith("오류: --service " + workload + ": 이 워크로드에는 장애를 주입할 수 없습니다")
                    .contains("error: --service " + workload + ": this workload cannot be faulted")
                    .contains("the services that can: user-service, movie-service, booking-service");
        }
        assertThat(channel.all()).isEmpty();
    }

    @Test
    void aDurationWithoutAUnitIsRefusedWithASuggestion() {
        CommandRun bare = fault("error", "--service", "user-service", "--duration", "10");
        assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("--duration: 단위를 붙인 시간을 주세요 (예: 10s, 500ms)")
                .contains("'10' has no unit: write e.g. 10s or 10ms");

        CommandRun fixed = fault("latency", "--service", "user-service", "--fixed", "3", "--duration", "10s");
        assertThat(fixed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fixed.err()).contains("--fixed: ").contains("'3' has no unit: write e.g. 3s or 3ms");

        CommandRun ramp = fault("gradual", "--service", "user-service", "--latency", "0..2000", "--over", "60s",
                                "--duration", "2m");
        assertThat(ramp.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ramp.err()).contains("--latency: ").contains("'2000' has no unit");

        assertThat(channel.all()).isEmpty();

        CommandRun zero = fault("gradual", "--service", "user-service", "--latency", "0..2s", "--over", "60s",
                                "--duration", "2m");
        assertThat(zero.exitCode()).as(zero.all()).isZero();   // zero needs no unit
        assertThat(zero.out()).contains("(2m, ");
    }

    @Test
    void withoutAStackOrARedisUrlItExits3() {

        CommandRun list = CommandRun.of(home, "fault", "list");

        assertThat(list.exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(list.err()).contains("no local stack is running").contains("--redis-url");
    }

    @Test
    void itFindsTheRunningStacksRedisInTheStateFile() {
        new RunState(ProcessHandle.current().pid(), "http://127.0.0.1:1", redis.url(), "k8s/practice",
                     Instant.now(), List.of(), "token", "", "").writeTo(RunState.fileIn(home));

        CommandRun set = CommandRun.of(home, "fault", "hang", "--service", "user-service", "--duration", "5s");

        assertThat(set.exitCode()).as(set.all()).isZero();
        assertThat(channel.activeAt(Instant.now())).hasSize(1);
    }

    @Test
    void anUnreachableRedisFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CommandRun list = CommandRun.of(home, "fault", "list", "--redis-url", "redis://127.0.0.1:" + closedPort);

        assertThat(list.exitCode()).isEqualTo(FaultCommand.FAILED);
        assertThat(list.err()).contains("cannot use Redis");
    }
}
