package io.theatermsa.user;

/**
 * A cinema customer, stored as the JSON string at {@code user:<id>} (the original project's format).
 *
 * @param id    decimal id assigned by the server
 * @param name  display name, at most {@value UserDraft#MAX_NAME} characters
 * @param email e-mail address, unique among users (case-insensitive)
 */
public record User(String id, String name, String email) {
}
