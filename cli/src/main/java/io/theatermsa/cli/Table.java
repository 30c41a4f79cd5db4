package io.theatermsa.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plain-text table with aligned columns (width counts Hangul as two columns, as terminals do, and colour codes as
 * none).
 */
final class Table {

    /** Colour codes ({@link Style}) take no room on a terminal. */
    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;]*m");

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintStream out) {
        PrintWriter writer = new PrintWriter(out);
        print(writer);
        writer.flush();
    }

    void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - width(row[i]) + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static int width(String text) {
        return ESCAPES.matcher(text).replaceAll("").codePoints()
                .map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL ? 2 : 1).sum();
    }
}
