package io.theatermsa.gateway.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One practice scenario, a directory under {@code k8s/practice} (or the gateway's {@code SCENARIO_ROOT}) named
 * {@code NN-name}, with the description its author gave: the comment lines that open its
 * {@code virtualservices.yaml}, joined into one line, else the title of its {@code README.md}. Other directories there ({@code shared/})
 * hold what several scenarios include and are not scenarios themselves.
 *
 * @param name        the directory name, e.g. {@code 01-initial}
 * @param path        the path to apply it with, e.g. {@code k8s/practice/01-initial}
 * @param description what it shows; empty when the author wrote none
 */
public record PracticeScenario(String name, String path, String description) {

    /** The practice folder of the project. */
    public static final String FOLDER = "k8s/practice";
    /** Where the course starts, and where every reset goes back to, whatever scenario a stack started with. */
    public static final String COURSE_START = "01-initial";

    private static final Pattern SCENARIO_NAME = Pattern.compile("\\d+-.+");

    /** The course's starting scenario in the project folder {@code home}. */
    public static Path courseStart(Path home) {
        return home.resolve(FOLDER).resolve(COURSE_START).normalize();
    }

    /** The scenarios in the project folder {@code home}, by name; none when the folder is missing. */
    public static List<PracticeScenario> in(Path home) {
        return under(home.resolve(FOLDER), FOLDER + "/");
    }

    /** The scenario directories of {@code folder}, by name, each with path {@code prefix + name}. */
    public static List<PracticeScenario> under(Path folder, String prefix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory)
                    .filter(dir -> SCENARIO_NAME.matcher(dir.getFileName().toString()).matches())
                    .sorted()
                    .map(dir -> new PracticeScenario(dir.getFileName().toString(),
                            prefix + dir.getFileName(), describe(dir)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String describe(Path dir) {
        String name = dir.getFileName().toString();
        return leadingComment(dir.resolve("virtualservices.yaml"))
                .or(() -> firstLine(dir.resolve("README.md"), "# "))
                .map(text -> text.startsWith(name + ":") ? text.substring(name.length() + 1).strip() : text)
                .orElse("");
    }

    /**
     * The comment lines that open {@code file}, joined into one line (runs of spaces made one), so that a
     * description written over several lines is never cut mid-sentence; empty when the file opens otherwise.
     */
    private static Optional<String> leadingComment(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file)) {
            String text = lines.map(String::strip).takeWhile(line -> line.startsWith("#"))
                    .map(line -> line.substring(1).strip()).filter(line -> !line.isEmpty())
                    .collect(Collectors.joining(" ")).replaceAll(" {2,}", " ");
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The first line starting with {@code marker}, without it; empty when there is none or no file. */
    private static Optional<String> firstLine(Path file, String marker) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::strip).filter(line -> line.startsWith(marker)).findFirst()
                    .map(line -> line.substring(marker.length()).strip());
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
