package io.theatermsa.kubeapi;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code Warning} headers as kube-apiserver's warning recorder writes them. */
class WarningHeadersTest {

    @Test
    void eachWarningIsOneHeaderWithCode299AnonymousAgentAndQuotedText() {
        assertThat(WarningHeaders.values(List.of("virtualService rule #1 not used (only the last rule can have no"
                                                         + " matches)", "consistent hash is deprecated")))
                .containsExactly("299 - \"virtualService rule #1 not used (only the last rule can have no matches)\"",
                                 "299 - \"consistent hash is deprecated\"");
    }

    @Test
    void quotesAndBackslashesAreEscapedInsideTheQuotedString() {
        assertThat(WarningHeaders.values(List.of("rule \"late\" uses a\\b")))
                .containsExactly("299 - \"rule \\\"late\\\" uses a\\\\b\"");
    }

    @Test
    void emptyRepeatedAndControlCharacterTextsAreDropped() {
        assertThat(WarningHeaders.values(List.of("", "same", "same", "two\nlines", "tab\there")))
                .containsExactly("299 - \"same\"");
        assertThat(WarningHeaders.values(List.of())).isEmpty();
    }

    @Test
    void pastFourThousandCharactersInAllEveryTextIsCutTo256() {
        String longText = "a".repeat(300);
        List<String> many = java.util.stream.IntStream.range(0, 14).mapToObj(i -> i + longText).toList();

        List<String> headers = WarningHeaders.values(many);

        assertThat(headers).hasSize(14).allSatisfy(h -> assertThat(h).hasSize("299 - \"\"".length() + 256));
        assertThat(WarningHeaders.values(Collections.nCopies(1, longText)))
                .containsExactly("299 - \"" + longText + "\"");
    }
}
