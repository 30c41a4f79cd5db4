package io.theatermsa.platform.redis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Where a workload's Redis is, credentials included, as Lettuce reads it: {@code redis://host:port/db} or
 * {@code redis://:password@host:port/db}. Printing it hides the password.
 *
 * @param value the URL
 */
public record RedisUrl(String value) {

    public static final String DEFAULT = "redis://redis:6379";

    public RedisUrl {
        Objects.requireNonNull(value, "value");
    }

    /**
     * {@code REDIS_URL} ({@value #DEFAULT}) with {@code REDIS_PASSWORD} put in its user-info part when given and the
     * URL carries no credentials of its own.
     */
    public static RedisUrl fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("REDIS_URL", DEFAULT);
        String password = env.get("REDIS_PASSWORD");
        int authority = url.indexOf("://") + 3;
        if (password == null || password.isEmpty() || authority < 3 || url.indexOf('@', authority) >= 0) {
            return new RedisUrl(url);
        }
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        return new RedisUrl(url.substring(0, authority) + ":" + encoded + "@" + url.substring(authority));
    }

    /** The URL with any user-info replaced by {@code ***}, for logs. */
    @Override
    public String toString() {
        int authority = value.indexOf("://") + 3;
        int at = authority < 3 ? -1 : value.indexOf('@', authority);
        return at < 0 ? value : value.substring(0, authority) + "***" + value.substring(at);
    }
}
