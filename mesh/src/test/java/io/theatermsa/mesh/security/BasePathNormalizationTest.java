package io.theatermsa.mesh.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §11.5: {@code paths} see the request path after the sidecar's BASE normalization. */
class BasePathNormalizationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/users/1, /users/1",
            "/public/../admin/x, /admin/x",
            "/a/./b, /a/b",
            "/a/b/.., /a/",
            "/a/b/., /a/b/",
            "/../../admin, /admin",
            "'\\admin\\users', /admin/users",
            "//a//b, //a//b",
            "/a/.hidden, /a/.hidden",
    })
    void dotSegmentsGoAndBackslashesBecomeSlashesButSlashesAreNotMerged(String sent, String normalized) {
        assertThat(BasePathNormalization.of(sent)).isEqualTo(normalized);
    }
}
