package io.theatermsa.cli.exercise;

import java.util.ArrayList;
import java.util.List;

/**
 * What one check saw and judged, line by line: facts it observed ({@link Mark#SEEN}), goals met ({@link Mark#MET})
 * and what is still wrong ({@link Mark#WRONG}). It passes when nothing is wrong and at least one goal is met.
 *
 * @param lines the findings in the order they were made
 */
public record Verdict(List<Line> lines) {

    /** How a line counts. */
    public enum Mark { SEEN, MET, WRONG }

    /** One finding. */
    public record Line(Mark mark, Text text) {
    }

    public Verdict {
        lines = List.copyOf(lines);
    }

    public boolean passed() {
        return lines.stream().noneMatch(l -> l.mark() == Mark.WRONG)
               && lines.stream().anyMatch(l -> l.mark() == Mark.MET);
    }

    public List<Line> wrong() {
        return lines.stream().filter(l -> l.mark() == Mark.WRONG).toList();
    }

    /** Collects the lines of one check. */
    public static final class Builder {
        private final List<Line> lines = new ArrayList<>();

        /** A fact observed, neither good nor bad. */
        public Builder saw(Text text) {
            lines.add(new Line(Mark.SEEN, text));
            return this;
        }

        /** {@code met} when {@code condition} holds, else {@code wrong}; returns the condition. */
        public boolean expect(boolean condition, Text met, Text wrong) {
            lines.add(condition ? new Line(Mark.MET, met) : new Line(Mark.WRONG, wrong));
            return condition;
        }

        public Builder met(Text text) {
            lines.add(new Line(Mark.MET, text));
            return this;
        }

        public Builder wrong(Text text) {
            lines.add(new Line(Mark.WRONG, text));
            return this;
        }

        public Verdict build() {
            return new Verdict(lines);
        }
    }
}
