package io.theatermsa.booking;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.FieldChecks;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client's {@code Idempotency-Key}: a retried POST with the same key and body gets the first booking back
 * instead of a second one. Keys are remembered for {@link #RETENTION}.
 */
record IdempotencyKey(String value) {

    static final HeaderName HEADER = HeaderNames.create("Idempotency-Key");
    static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /** The key of a request, if it has one; 400 when it is malformed. */
    static Optional<IdempotencyKey> from(Headers headers) {
        Optional<String> value = headers.first(HEADER);
        value.ifPresent(v -> new FieldChecks()
                .check(VALID.matcher(v).matches(), HEADER.defaultCase(), "must be 1 to 128 visible ASCII characters")
                .throwIfAny());
        return value.map(IdempotencyKey::new);
    }

    ApiException reused() {
        return ApiException.unprocessable("idempotency_key_reused",
                "Idempotency-Key '" + value + "' was already used for a different booking request");
    }
}
