package io.theatermsa.kubeapi;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may call the API servers: the admin token writes (every verb), the read-only token (the student's) may only
 * get, list and watch. Any other caller is 401.
 */
public record BearerTokens(String admin, String readOnly) {

    /** The user names kube's messages use for each token. */
    static final String ADMIN_USER = "theater-admin";
    static final String READ_ONLY_USER = "theater-student";

    /** Two new random tokens. */
    public static BearerTokens generate(SecureRandom random) {
        return new BearerTokens(token(random), token(random));
    }

    /** The caller an {@code Authorization} header names, if it carries one of the tokens. */
    Optional<Caller> caller(String authorization) {
        if (!authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String token = authorization.substring("Bearer ".length()).trim();
        if (token.equals(admin)) {
            return Optional.of(new Caller(ADMIN_USER, true));
        }
        if (token.equals(readOnly)) {
            return Optional.of(new Caller(READ_ONLY_USER, false));
        }
        return Optional.empty();
    }

    /** An authenticated caller. */
    record Caller(String user, boolean writes) {

        boolean may(Verb verb) {
            return writes || verb.reads();
        }
    }

    private static String token(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
