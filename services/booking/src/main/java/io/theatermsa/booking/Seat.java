package io.theatermsa.booking;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A seat id: a row letter and a column number, {@code A1} to {@code Z40}. Ordered row first, then column. */
record Seat(int row, int column) implements Comparable<Seat> {

    private static final Pattern LABEL = Pattern.compile("([A-Z])([1-9][0-9]?)");
    private static final Comparator<Seat> ORDER = Comparator.comparingInt(Seat::row).thenComparingInt(Seat::column);

    static Optional<Seat> parse(String label) {
        Matcher m = label == null ? null : LABEL.matcher(label);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Seat(m.group(1).charAt(0) - 'A' + 1, Integer.parseInt(m.group(2))));
    }

    String label() {
        return (char) ('A' + row - 1) + String.valueOf(column);
    }

    @Override
    public int compareTo(Seat other) {
        return ORDER.compare(this, other);
    }
}
