package io.theatermsa.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The documents whose shell blocks are marked, in the order a reader meets them: the README, the practice scenarios'
 * READMEs, then the course (Korean, then English), each course in its own reading order. The English course pages
 * hold the same blocks as the Korean ones ({@code CourseDocsMarkedTest}), so only the Korean ones are run.
 */
final class CourseDocs {

    static final Path ROOT = findRoot();
    /** The course's reading order; any other page of docs/course comes after these, by name. */
    static final List<String> COURSE_ORDER = List.of("README.md", "workbook.md", "교육-시연절차.md",
            "교육-강의스크립트.md", "troubleshooting.md");

    private CourseDocs() {
    }

    /** The documents whose run blocks {@code CourseDocsIT} runs: all but the English course, which repeats them. */
    static List<Path> executed() {
        Path english = ROOT.resolve("docs/course/en");
        return all().stream().filter(doc -> !doc.startsWith(english)).toList();
    }

    static List<Path> all() {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        docs.add(ROOT.resolve("k8s/practice/README.md"));
        docs.addAll(practiceReadmes());
        docs.addAll(course(ROOT.resolve("docs/course")));
        docs.addAll(course(ROOT.resolve("docs/course/en")));
        return docs;
    }

    private static List<Path> practiceReadmes() {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("k8s/practice"))) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+-.+"))
                    .map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> course(Path dir) {
        Set<Path> pages = new LinkedHashSet<>();
        COURSE_ORDER.stream().map(dir::resolve).filter(Files::isRegularFile).forEach(pages::add);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(pages);
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs/course")) && Files.isRegularFile(dir.resolve("theater")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("project root (with docs/course and theater) not found above the working dir");
        }
        return dir;
    }
}
