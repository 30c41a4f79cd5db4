package io.theatermsa.gateway;

import io.helidon.http.Status;
import io.theatermsa.platform.http.ApiException;

/** A proxied request whose body is larger than the gateway buffers: 413. */
final class PayloadTooLargeException extends ApiException {

    PayloadTooLargeException(int limitBytes) {
        super(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
              "request body is larger than " + limitBytes + " bytes, the most the gateway forwards");
    }
}
