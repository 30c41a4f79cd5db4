package io.theatermsa.gateway.mesh;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.http.ApiException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The secret that lets a client change the mesh through the gateway ({@code Authorization: Bearer <token>}).
 * Tokens are compared in constant time, through their SHA-256 digests so that not even the length leaks.
 */
public final class AdminToken {

    /** 32 random bytes: 256 bits, 43 URL-safe characters. */
    private static final int RANDOM_BYTES = 32;
    private static final String BEARER = "Bearer ";

    private final String value;
    private final byte[] digest;

    private AdminToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /** A token given as text (read back from a state file, or chosen by a test). */
    public static AdminToken of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || !value.strip().equals(value)) {
            throw new IllegalArgumentException("an admin token must be non-blank without surrounding spaces");
        }
        return new AdminToken(value);
    }

    /** A new random token, URL-safe Base64 without padding; pass a {@code SecureRandom} outside tests. */
    public static AdminToken generate(RandomGenerator random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token text, for the one who holds it (the banner, the state file). */
    public String value() {
        return value;
    }

    /**
     * Lets the request through when it carries this token.
     *
     * @throws ApiException 401 when it carries no bearer token, 403 when it carries another one
     */
    void verify(ServerRequest req, ServerResponse res) {
        String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"theater-mesh\"");
            throw new ApiException(Status.UNAUTHORIZED_401, "unauthorized",
                    "changing the mesh needs the admin token: Authorization: Bearer <token> "
                    + "(theater up prints it and keeps it in .theater/state.json)");
        }
        if (!MessageDigest.isEqual(digest, sha256(authorization.substring(BEARER.length()).strip()))) {
            throw new ApiException(Status.FORBIDDEN_403, "forbidden", "the admin token is not the running stack's");
        }
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
