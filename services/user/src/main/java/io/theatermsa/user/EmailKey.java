package io.theatermsa.user;

/**
 * The form of an e-mail address that uniqueness is checked on: ASCII letters lower-cased, exactly what Lua's
 * {@code string.lower} does inside the scripts, so Java and Redis always agree on the key.
 */
final class EmailKey {

    private EmailKey() {
    }

    static String of(String email) {
        StringBuilder key = new StringBuilder(email.length());
        for (char c : email.toCharArray()) {
            key.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return key.toString();
    }
}
