package io.theatermsa.docs;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Docs as tests: every marked command of the README, the practice READMEs and docs/course (the Korean pages; the
 * English ones hold the same blocks) runs, in document order, against a local stack of its own (real {@code ./theater}, real kubectl), and the first that does not do
 * what its document says fails the test with the file, line, command, expectation and output. Between documents
 * the stack goes back to its start (scenario reset, faults cleared, no endpoint ejected).
 */
class CourseDocsIT {

    @TempDir
    Path sandbox;
    @TempDir
    Path scratch;

    @Test
    void everyMarkedCommandDoesWhatItsDocumentSays() throws Exception {
        String only = System.getProperty("docs.only", ""); // while writing a page: -Ddocs.only=workbook
        List<MarkedDocument.Parsed> documents = CourseDocs.executed().stream()
                .filter(doc -> doc.toString().contains(only))
                .map(doc -> MarkedDocument.read(CourseDocs.ROOT, doc)).toList();
        List<String> problems = documents.stream().flatMap(d -> d.problems().stream()).toList();
        if (!problems.isEmpty()) {
            fail("documents with blocks the test cannot read:\n" + String.join("\n", problems));
        }
        requireOnPath("bash", "the documents' commands run in bash");
        requireOnPath("curl", "Debian/Ubuntu: sudo apt-get install curl");
        requireOnPath("kubectl", "kubectl 1.30 or newer: https://kubernetes.io/docs/tasks/tools/ (.ci/run installs it)");
        try (DocStack stack = DocStack.start(CourseDocs.ROOT, sandbox)) {
            DocRunner runner = new DocRunner(stack, scratch);
            for (MarkedDocument.Parsed document : documents) {
                Optional<String> failure = runner.run(document.blocks());
                if (failure.isPresent()) {
                    fail(failure.get());
                }
                runner.backToStart().ifPresent(Assertions::fail);
            }
        }
    }

    private static void requireOnPath(String program, String hint) {
        boolean found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        if (!found) {
            fail(program + " is not on PATH: " + hint);
        }
    }
}
