package io.theatermsa.gateway.mesh;

import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.fault.FaultEffect;
import io.theatermsa.platform.fault.FaultTarget;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /api/faults}: a platform {@link Fault} without its id and creation time, in the same JSON,
 * e.g. {@code {"target": {"service": "user-service", "cluster": "ctx2"},
 * "effect": {"kind": "error", "ratePercent": 100, "status": 503}, "duration": "PT60S"}}.
 */
record FaultRequest(FaultTarget target, FaultEffect effect, Duration duration) {

    /**
     * The fault, created at {@code now} with a new short id.
     *
     * @throws ApiException.InvalidFieldsException 400 when a part is missing or the duration is out of range
     */
    Fault toFault(Instant now) {
        List<FieldError> problems = new ArrayList<>();
        if (target == null) {
            problems.add(new FieldError("target", "is required, e.g. {\"service\": \"user-service\", \"cluster\": \"ctx2\"}"));
        }
        if (effect == null) {
            problems.add(new FieldError("effect", "is required, e.g. {\"kind\": \"error\", \"ratePercent\": 100, \"status\": 503}"));
        }
        if (duration == null) {
            problems.add(new FieldError("duration", "is required, e.g. \"PT60S\""));
        }
        if (!problems.isEmpty()) {
            throw new ApiException.InvalidFieldsException(problems);
        }
        try {
            return new Fault(UUID.randomUUID().toString().substring(0, 8), target, effect, now, duration);
        } catch (IllegalArgumentException e) {
            throw new ApiException.InvalidFieldsException(List.of(new FieldError("duration", e.getMessage())));
        }
    }
}
