package io.theatermsa.platform.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownSequenceTest {

    @Test
    void stepsCloseInTheOrderGiven() {
        List<String> closed = new ArrayList<>();
        ShutdownSequence.of(() -> closed.add("server"), () -> closed.add("sidecar"), () -> closed.add("redis")).run();
        assertThat(closed).containsExactly("server", "sidecar", "redis");
    }

    @Test
    void aFailingStepDoesNotKeepTheNextOnesOpen() {
        List<String> closed = new ArrayList<>();
        ShutdownSequence.of(() -> {
            throw new IllegalStateException("server would not stop");
        }, () -> closed.add("redis")).run();
        assertThat(closed).containsExactly("redis");
    }

    @Test
    void runOnExitRegistersAHookThatIsNotYetStarted() {
        List<String> closed = new ArrayList<>();
        Thread hook = ShutdownSequence.of(() -> closed.add("server")).runOnExit("test-shutdown");
        try {
            assertThat(hook.getName()).isEqualTo("test-shutdown");
            assertThat(hook.getState()).isEqualTo(Thread.State.NEW);
            assertThat(closed).isEmpty();
        } finally {
            assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue();
        }
    }
}
