package io.theatermsa.kubeapi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code Warning} response headers kube-apiserver writes for a request's warnings (an admission webhook's among
 * them), as its warning recorder writes them (k8s.io/apiserver {@code endpoints/filters/warning.go}): one header
 * per warning, {@code 299 - "<text>"} (RFC 7234 warn-code 299, agent {@code -}, the text a quoted string with
 * {@code "} and {@code \} escaped, apimachinery {@code NewWarningHeader}); empty and repeated texts are dropped, a
 * text with a control character is dropped (it cannot be a header), and once the texts pass 4096 characters in all,
 * every one is cut to 256. client-go hands each to kubectl, which prints {@code Warning: <text>} on stderr.
 */
final class WarningHeaders {

    static final String NAME = "Warning";
    private static final int TOTAL_LIMIT = 4 * 1024;
    private static final int ITEM_LIMIT = 256;

    private WarningHeaders() {
    }

    /** The header values for {@code warnings}, in their order. */
    static List<String> values(List<String> warnings) {
        Set<String> texts = new LinkedHashSet<>();
        warnings.stream().filter(t -> !t.isEmpty() && t.codePoints().noneMatch(Character::isISOControl))
                .forEach(texts::add);
        boolean truncating = texts.stream().mapToLong(t -> t.codePointCount(0, t.length())).sum() > TOTAL_LIMIT;
        return texts.stream().map(t -> truncating ? truncated(t) : t).map(WarningHeaders::header).toList();
    }

    private static String truncated(String text) {
        return text.codePointCount(0, text.length()) <= ITEM_LIMIT ? text
                : text.substring(0, text.offsetByCodePoints(0, ITEM_LIMIT));
    }

    private static String header(String text) {
        return "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
