package io.theatermsa.platform.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's event loops, timers and reconnect policy, which any number of {@link RedisConnector}s can share. A pod
 * on Kubernetes has one connector and its own resources; the local stack runs every pod in one JVM and gives them one
 * set, as building a set (threads, Netty's event loops) is most of what a connection costs to open.
 */
public final class RedisResources implements AutoCloseable {

    private final ClientResources resources;

    private RedisResources(ClientResources resources) {
        this.resources = resources;
    }

    /** Resources whose reconnect back-off is capped at {@link RedisConnector#LONGEST_RECONNECT_DELAY}. */
    public static RedisResources create() {
        return new RedisResources(ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), RedisConnector.LONGEST_RECONNECT_DELAY, 2,
                                                  TimeUnit.MILLISECONDS))
                .build());
    }

    ClientResources lettuce() {
        return resources;
    }

    @Override
    public void close() {
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
