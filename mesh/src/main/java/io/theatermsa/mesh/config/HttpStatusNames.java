package io.theatermsa.mesh.config;

import java.util.Set;

/**
 * The status codes Go's {@code net/http.StatusText} names: the numeric {@code retryOn} entries Istio's webhook
 * accepts (istio-validation.md A.5.9), so {@code 503} passes and {@code 599} does not.
 */
final class HttpStatusNames {

    private static final Set<Integer> NAMED = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208,
            226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411,
            412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503,
            504, 505, 506, 507, 508, 510, 511);

    private HttpStatusNames() {
    }

    /** True when {@code text} is exactly a decimal status code Go names ({@code strconv.Atoi}, then a lookup). */
    static boolean isNamed(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9' || c == '+'
                                                                                   || c == '-')) {
            return false;
        }
        try {
            return NAMED.contains(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
