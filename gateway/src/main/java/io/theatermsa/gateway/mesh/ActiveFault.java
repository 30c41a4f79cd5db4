package io.theatermsa.gateway.mesh;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.theatermsa.platform.fault.Fault;

import java.time.Duration;
import java.time.Instant;

/**
 * A fault in force as {@code GET /api/faults} lists it: the platform {@link Fault}'s JSON, plus what a reader wants
 * without computing it (its human text and how long it still lasts, measured by the gateway's clock).
 *
 * @param fault       the fault
 * @param description e.g. {@code error 503 at 100% on user-service@ctx2}
 * @param timeLeftMs  until it expires, 0 or more
 */
public record ActiveFault(@JsonUnwrapped Fault fault, String description, long timeLeftMs) {

    public static ActiveFault of(Fault fault, Instant now) {
        return new ActiveFault(fault, fault.describe(),
                               Math.max(0, Duration.between(now, fault.expiresAt()).toMillis()));
    }
}
