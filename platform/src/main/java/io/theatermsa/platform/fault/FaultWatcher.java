package io.theatermsa.platform.fault;

import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.redis.RedisConnector;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps one instance's {@link FaultSnapshot} up to date from the {@link FaultChannel}: reloads when a change is
 * announced on {@value FaultChannel#CHANGED_CHANNEL} and every {@link #RELOAD_EVERY} anyway. While Redis is away
 * it keeps the faults it knows (they still expire on the clock) and the instance serves on; nothing waits for
 * the channel. All Redis work happens on the watcher's own thread, never on a request's.
 */
public final class FaultWatcher implements FaultBoard {

    public static final Duration RELOAD_EVERY = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(FaultWatcher.class.getName());

    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private final WorkloadIdentity identity;
    private final FaultChannel channel;
    private final RedisConnector redis;
    private final InstantSource clock;
    private final AtomicReference<FaultSnapshot> snapshot = new AtomicReference<>(FaultSnapshot.EMPTY);
    private final List<Consumer<FaultSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean channelDown;

    private FaultWatcher(WorkloadIdentity identity, RedisConnector redis, InstantSource clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.channel = new FaultChannel(redis.connection().sync(), Json.newMapper());
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("faults-" + identity.pod()).factory());
    }

    /** Watches the faults targeting {@code identity} through {@code redis}, judging expiry by the system clock. */
    public static FaultWatcher watch(RedisConnector redis, WorkloadIdentity identity) {
        return watch(redis, identity, InstantSource.system());
    }

    /** As {@link #watch(RedisConnector, WorkloadIdentity)} with {@code clock}; tests pass a manual one. */
    public static FaultWatcher watch(RedisConnector redis, WorkloadIdentity identity, InstantSource clock) {
        FaultWatcher watcher = new FaultWatcher(identity, redis, clock);
        watcher.thread.scheduleWithFixedDelay(watcher::tick, 0, RELOAD_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return watcher;
    }

    @Override
    public FaultSnapshot current() {
        return snapshot.get();
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public void onChange(Consumer<FaultSnapshot> listener) {
        listeners.add(listener);
    }

    /** Asks for a reload on the watcher's thread now, as an announcement does. */
    public void reloadSoon() {
        // A burst of announcements needs one reload, not one Redis round trip each.
        if (!thread.isShutdown() && reloadQueued.compareAndSet(false, true)) {
            thread.execute(this::reload);
        }
    }

    private void tick() {
        subscribeIfNeeded();
        reload();
    }

    private void reload() {
        reloadQueued.set(false);
        try {
            snapshot.set(FaultSnapshot.of(channel.activeAt(clock.instant()), identity));
            if (channelDown) {
                channelDown = false;
                LOG.log(Level.INFO, "fault control channel is back");
            }
        } catch (RedisException e) {
            if (!channelDown) {
                channelDown = true;
                LOG.log(Level.WARNING, "fault control channel unavailable (" + e.getMessage()
                                       + "); keeping the faults already known until they expire");
            }
        }
        FaultSnapshot now = snapshot.get();
        for (Consumer<FaultSnapshot> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "fault listener failed", e);
            }
        }
    }

    private void subscribeIfNeeded() {
        if (subscription != null) {
            return;
        }
        try {
            subscription = subscribe(redis.connectPubSub());
        } catch (RedisException e) {
            // Redis away: the periodic reload covers for the missing announcements; try again next tick.
        }
    }

    private StatefulRedisPubSubConnection<String, String> subscribe(
            StatefulRedisPubSubConnection<String, String> connection) {
        try {
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channelName, String message) {
                    reloadSoon();       // never call Redis on Lettuce's event-loop thread
                }
            });
            connection.sync().subscribe(FaultChannel.CHANGED_CHANNEL);
            return connection;
        } catch (RedisException e) {
            connection.closeAsync();
            throw e;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        StatefulRedisPubSubConnection<String, String> connection = subscription;
        if (connection != null) {
            connection.closeAsync();
        }
    }
}
