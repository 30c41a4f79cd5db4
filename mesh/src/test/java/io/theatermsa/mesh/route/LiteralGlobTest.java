package io.theatermsa.mesh.route;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §1.2: the literal-glob fast path answers exactly as RE2's full match for every value it
 * decides, and leaves every other value (and every other regex) to RE2.
 */
class LiteralGlobTest {

    private static final List<String> VALUES = List.of("", "a", "A", "jason", "JASON", "Jason ", "kim@vip.example",
            "KIM@VIP.EXAMPLE", "@vip.example", "@vip-example", "x@vip.example.com", "/api/v2", "/api/v2/users",
            "/API/V2/users", "/api/v1", "/b/x/y", "abc", "ab", "a.b", "a$", "a|b", "a\\b", "*", "Kelvin",
            "line\nbreak@vip.example", "kim@vip.example\n", "ĸim@vip.example", "\u212Aelvin", "ſ", "s", "S");

    @ParameterizedTest
    @ValueSource(strings = {"(?i)jason|.*@vip\\.example", "jason", "^jason$", "/api/v2.*", "^/api/v2.*$",
            ".*@vip\\.example", ".*vip.*", "/b/.*/y", "a.*b.*c", ".*", "", "a|", "(?i)kelvin", "(?i)s", "a\\$",
            "a\\|b", "a\\\\b", "\\*", "(?i).*@VIP\\.EXAMPLE", "ab.*b", "a.*.*b", "^a|^b$"})
    void answersAsRe2ForEveryValueItDecides(String regex) {
        LiteralGlob glob = LiteralGlob.of(regex);
        Pattern re2 = Pattern.compile(regex);

        assertThat(glob).as("a literal glob").isNotNull();
        for (String value : VALUES) {
            if (LiteralGlob.decides(value)) {
                assertThat(glob.matches(value)).as("%s on %s", regex, value).isEqualTo(re2.matches(value));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+", "a*", "a?", "[ab]", "(a|b)", "\\d+", "a.b", ".*?", "a{2}", "(?s).*", "(?m)^a$",
            "a^b", "a$b", "é", "\\w", "(?i)é", ".+"})
    void leavesEverythingElseToRe2(String regex) {
        assertThat(LiteralGlob.of(regex)).isNull();
    }

    @Test
    void leavesNonAsciiAndNewlineValuesToRe2() {
        assertThat(LiteralGlob.decides("kim@vip.example")).isTrue();
        assertThat(LiteralGlob.decides("a\nb")).isFalse();
        assertThat(LiteralGlob.decides("\u212A")).as("KELVIN SIGN folds to k under (?i)").isFalse();
    }

    @Test
    void regexMatcherGivesRe2sAnswerOnBothPaths() {
        StringMatcher m = StringMatcher.compile(new io.theatermsa.mesh.config.StringMatch.Regex("(?i)kelvin"), false);

        assertThat(m.matches("KELVIN")).isTrue();
        assertThat(m.matches("\u212Aelvin")).as("decided by RE2: Unicode case folding").isTrue();
        assertThat(m.matches("kelvin\n")).isFalse();
    }
}
