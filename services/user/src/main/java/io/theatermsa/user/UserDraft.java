package io.theatermsa.user;

import io.theatermsa.platform.http.FieldChecks;

/** The body of {@code POST /users/} and {@code PUT /users/{id}}: a user without its id, stored exactly as sent. */
record UserDraft(String name, String email) {

    static final int MAX_NAME = 100;

    /** Throws one 400 naming every invalid field; returns normally when all are valid. */
    void requireValid() {
        new FieldChecks()
                .requireText("name", name, MAX_NAME)
                .requireEmail("email", email)
                .throwIfAny();
    }

    User withId(String id) {
        return new User(id, name, email);
    }
}
