package io.theatermsa.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/**
 * The logging configuration of the command ({@code /logging.properties}: libraries say only warnings), applied
 * by {@link LogManager} itself when something first logs ({@code java.util.logging.config.class}). Set up front,
 * it would make every command pay for the logging back end's discovery, which opens every jar of the class path
 * (about 70 ms), even a {@code lint} that never logs.
 */
public final class QuietLibraryLogging {

    /** Called by {@link LogManager} while it initialises. */
    public QuietLibraryLogging() {
        try (InputStream config = QuietLibraryLogging.class.getResourceAsStream("/logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("warning: cannot read logging.properties: " + e.getMessage());
        }
    }

    /** From now on, the first logger made reads the command's configuration. */
    static void whenFirstUsed() {
        System.setProperty("java.util.logging.config.class", QuietLibraryLogging.class.getName());
    }
}
