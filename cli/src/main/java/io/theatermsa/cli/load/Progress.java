package io.theatermsa.cli.load;

import io.theatermsa.loadgen.LoadReport;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of a run on standard error: a bar redrawn in place on a terminal, otherwise a plain line at most
 * every {@value #PLAIN_EVERY_MILLIS} ms.
 */
public final class Progress {

    static final long PLAIN_EVERY_MILLIS = 2000;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastPlain = Long.MIN_VALUE;

    public Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** True when the JVM's standard streams are on a terminal ({@code Console.isTerminal()} from Java 22). */
    public static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;     // Java 21: a console is only there on a terminal
        }
    }

    public void update(LoadReport now) {
        double fraction = now.spec().byCount()
                ? (double) now.completed() / now.spec().requests()
                : now.elapsedMillis() / (now.spec().durationSeconds() * 1000.0);
        fraction = Math.min(1, Math.max(0, fraction));
        String figures = String.format(Locale.ROOT, "%3.0f%%  %d/%s  %.1f qps  %.1f s", fraction * 100,
                now.completed(), now.spec().byCount() ? now.spec().requests() : "?", now.achievedQps(),
                now.elapsedMillis() / 1000.0);
        if (terminal) {
            int filled = (int) Math.round(fraction * WIDTH);
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + figures + "   ");
            err.flush();
        } else if (now.elapsedMillis() - lastPlain >= PLAIN_EVERY_MILLIS || lastPlain == Long.MIN_VALUE) {
            lastPlain = now.elapsedMillis();
            err.println("진행 / progress: " + figures);
            err.flush();
        }
    }

    public void done(LoadReport last) {
        if (terminal) {
            update(last);
            err.println();
        } else {
            lastPlain = Long.MIN_VALUE;
            update(last);
        }
        err.flush();
    }
}
