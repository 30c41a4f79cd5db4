package io.theatermsa.cli;

import io.theatermsa.cli.load.Progress;

import java.util.Map;

/**
 * Colour and symbols for people at a terminal: only when standard output is a terminal and {@code NO_COLOR} is unset
 * or empty (no-color.org); otherwise plain words, so pipes, files and scripts never see escape codes.
 */
record Style(boolean decorated) {

    static final Style PLAIN = new Style(false);

    static Style of(Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        return new Style(Progress.onTerminal() && (noColor == null || noColor.isEmpty()));
    }

    /** A good outcome: green with a check mark when decorated. */
    String good(String text) {
        return decorated ? "\u001B[32m✓ " + text + "\u001B[0m" : text;
    }

    /** A bad outcome: red with a cross when decorated. */
    String bad(String text) {
        return decorated ? "\u001B[31m✗ " + text + "\u001B[0m" : text;
    }
}
