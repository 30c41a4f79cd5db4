package io.theatermsa.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The one {@code theater up} of a checkout: an operating-system lock on {@code .theater/up.lock}, held from before
 * the stack starts until the process ends. A second {@code up} from the same folder would overwrite
 * {@code .theater/state.json} and the kubeconfigs, and delete them when it stops, leaving the first stack running
 * where no command can find it. The system releases the lock of a process that ends in any way, so a crash never
 * leaves it behind. The file itself stays: deleted on release, a start that had opened it just before could lock the
 * deleted file while the next one locks a new file of the same name.
 */
public final class StackLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private StackLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock of {@code home}'s stack, or empty while another process holds it. */
    public static Optional<StackLock> tryAcquire(Path home) {
        Path file = home.resolve(".theater").resolve("up.lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return Optional.of(new StackLock(channel, lock));
                }
            } catch (OverlappingFileLockException heldHere) {
                // this JVM holds it already: another stack of this process runs from the folder
            }
            channel.close();
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is ending: the system releases the lock anyway
        }
    }
}
