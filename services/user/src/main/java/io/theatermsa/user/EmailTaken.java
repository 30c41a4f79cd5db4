package io.theatermsa.user;

import io.theatermsa.platform.http.ApiException;
import io.helidon.http.Status;

/** 409: another user already has this e-mail address. */
final class EmailTaken extends ApiException {

    EmailTaken(String email) {
        super(Status.CONFLICT_409, "email_taken", "e-mail address '" + email + "' belongs to another user");
    }
}
