package io.theatermsa.platform.redis;

import io.lettuce.core.RedisException;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RealRedis.class)
class StartupTaskTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Work that fails as if Redis were away {@code failures} times, then succeeds. */
    static Runnable failing(int failures, AtomicInteger attempts) {
        return () -> {
            if (attempts.incrementAndGet() <= failures) {
                throw new RedisException("connection refused");
            }
        };
    }

    static void join(Optional<Thread> thread) throws InterruptedException {
        assertThat(thread).isPresent();
        assertThat(thread.get().join(DEADLINE)).as("retrying thread ended").isTrue();
    }

    @Test
    void workDoneAtOnceNeedsNoThread() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(new StartupTask("seed", failing(0, attempts), d -> {
            throw new AssertionError("no pause expected");
        }).runEventually(() -> true)).isEmpty();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToFiveSeconds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<Duration> pauses = new ArrayList<>();
        join(new StartupTask("seed", failing(8, attempts), pauses::add).runEventually(() -> true));
        assertThat(attempts).hasValue(9);
        assertThat(pauses).extracting(Duration::toMillis).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 5000L,
                                                                          5000L, 5000L);
    }

    @Test
    void retryingStopsOnceTheWorkIsNoLongerWanted() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();
        join(new StartupTask("seed", failing(100, attempts), d -> { })
                .runEventually(() -> checks.incrementAndGet() <= 3));
        assertThat(attempts).as("the first attempt and three retries").hasValue(4);
    }

    @Test
    void workFailingForAnotherReasonIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        StartupTask task = new StartupTask("seed", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("bug");
        }, d -> { });
        assertThatThrownBy(() -> task.runEventually(() -> true))
                .isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void workStartedWhileRedisIsDownIsDoneOnceItReturns(RedisEndpoint endpoint) throws Exception {
        try (RedisConnector connector = RedisConnector.connect(endpoint.url())) {
            var redis = connector.connection().sync();
            redis.del("startup-task");
            endpoint.stop();
            Optional<Thread> retrying;
            try {
                await().atMost(DEADLINE).until(() -> !connector.readiness().check().up());
                retrying = new StartupTask("mark started", () -> redis.set("startup-task", "done"))
                        .runEventually(() -> true);
                assertThat(retrying).isPresent();
            } finally {
                endpoint.start();
            }
            join(retrying);
            assertThat(redis.get("startup-task")).isEqualTo("done");
        }
    }
}
