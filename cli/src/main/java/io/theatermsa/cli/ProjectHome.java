package io.theatermsa.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the command works in: {@code THEATER_HOME} (set by the {@code ./theater} script) or the current folder. */
final class ProjectHome {

    private ProjectHome() {
    }

    static Path resolve() {
        String home = System.getenv("THEATER_HOME");
        Path path = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        return path.toAbsolutePath().normalize();
    }

    /** {@code relative} against the home unless it is absolute or exists from the current folder. */
    static Path file(Path home, String relative) {
        Path given = Path.of(relative);
        if (given.isAbsolute() || Files.exists(given)) {
            return given.toAbsolutePath().normalize();
        }
        return home.resolve(relative).normalize();
    }
}
