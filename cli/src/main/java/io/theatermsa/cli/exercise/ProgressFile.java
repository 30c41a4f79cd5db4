package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.platform.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code .theater/exercise.json}: read whole, written whole and atomically (a reader never sees half a file). */
public final class ProgressFile {

    private static final ObjectMapper MAPPER = Json.newMapper();

    private final Path file;

    public ProgressFile(Path home) {
        this.file = home.resolve(".theater").resolve("exercise.json");
    }

    /** The folder beside it where exercises hand out files for the student. */
    public Path workDir() {
        return file.resolveSibling("exercise");
    }

    /** The progress so far; none when the file is missing or unreadable (a broken file starts over). */
    public Progress read() {
        if (!Files.isRegularFile(file)) {
            return Progress.none();
        }
        try {
            return MAPPER.readValue(file.toFile(), Progress.class);
        } catch (IOException e) {
            return Progress.none();
        }
    }

    public void write(Progress progress) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "exercise", ".json");
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), progress);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
