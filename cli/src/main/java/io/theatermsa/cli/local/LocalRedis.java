package io.theatermsa.cli.local;

import io.theatermsa.platform.redis.EmbeddedRedis;

/**
 * The Redis of a local stack: an embedded redis-server, or an existing server named by {@code REDIS_URL}, which is
 * then left alone.
 */
public final class LocalRedis implements AutoCloseable {

    private final String url;
    private final EmbeddedRedis embedded;

    private LocalRedis(String url, EmbeddedRedis embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    /** Uses {@code existingUrl} when given, otherwise starts an embedded server. */
    public static LocalRedis startOrUse(String existingUrl) {
        if (existingUrl != null && !existingUrl.isBlank()) {
            return new LocalRedis(existingUrl, null);
        }
        EmbeddedRedis embedded = EmbeddedRedis.start();
        return new LocalRedis(embedded.url(), embedded);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
