package io.theatermsa.platform.redis;

import io.lettuce.core.RedisException;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Redis work a workload does once when it starts, such as planting seed data. The workload must start even while
 * Redis is away, so the work runs at once if Redis answers and is otherwise retried in the background, waiting
 * {@link #FIRST_RETRY}, then twice as long each time up to {@link #LAST_RETRY}, for as long as it is still wanted.
 */
public final class StartupTask {

    public static final Duration FIRST_RETRY = Duration.ofMillis(250);
    public static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private static final System.Logger LOG = System.getLogger(StartupTask.class.getName());

    private final String name;
    private final Runnable work;
    private final Pause pause;

    /**
     * @param name what the work does, e.g. {@code seed users}; it names the log lines and the retrying thread
     * @param work the Redis work; a {@link RedisException} means Redis is away and the work should be retried
     */
    public StartupTask(String name, Runnable work) {
        this(name, work, Thread::sleep);
    }

    StartupTask(String name, Runnable work, Pause pause) {
        this.name = Objects.requireNonNull(name, "name");
        this.work = Objects.requireNonNull(work, "work");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * Does the work now if Redis answers; otherwise retries it on a virtual thread while {@code wanted} holds
     * (typically: while the server runs) and returns that thread.
     */
    public Optional<Thread> runEventually(BooleanSupplier wanted) {
        try {
            work.run();
            return Optional.empty();
        } catch (RedisException e) {
            LOG.log(Level.WARNING, "cannot " + name + " yet (" + e.getMessage() + "); retrying in the background");
            return Optional.of(Thread.ofVirtual().name(name.replace(' ', '-')).start(() -> retry(wanted)));
        }
    }

    private void retry(BooleanSupplier wanted) {
        Duration wait = FIRST_RETRY;
        while (wanted.getAsBoolean()) {
            try {
                pause.pause(wait);
                work.run();
                LOG.log(Level.INFO, name + ": done after Redis came back");
                return;
            } catch (RedisException e) {
                wait = next(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The wait after {@code wait}: twice as long, at most {@link #LAST_RETRY}. */
    static Duration next(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
    }
}
