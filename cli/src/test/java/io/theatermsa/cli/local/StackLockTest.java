package io.theatermsa.cli.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One stack per folder; the lock goes with its holder. (Across processes: TheaterUpIT's second {@code up}.) */
class StackLockTest {

    @TempDir
    Path home;

    @Test
    void aFolderHasOneHolderUntilItLetsGo() {
        Optional<StackLock> first = StackLock.tryAcquire(home);
        assertThat(first).isPresent();
        assertThat(StackLock.tryAcquire(home)).as("held").isEmpty();
        assertThat(StackLock.tryAcquire(home.resolve("other-clone"))).as("another folder's").isPresent()
                .get().satisfies(StackLock::close);

        first.get().close();

        Optional<StackLock> again = StackLock.tryAcquire(home);
        assertThat(again).as("released").isPresent();
        again.get().close();
    }
}
