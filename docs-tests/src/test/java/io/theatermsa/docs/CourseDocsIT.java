package io.theatermsa.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.fail;

/**
 * Docs as tests: every marked command of the README, the practice READMEs and docs/course runs, in document
 * order, against a local stack of its own (real {@code ./theater}, real kubectl), and the first that does not do
 * what its document says fails the test with the file, line, command, expectation and output. Between documents
 * the stack goes back to its start (scenario reset, faults cleared, no endpoint ejected).
 */
class CourseDocsIT {

    private static final Duration BACK_TO_START = Duration.ofSeconds(150);

    @TempDir
    Path sandbox;
    @TempDir
    Path scratch;

    @Test
    void everyMarkedCommandDoesWhatItsDocumentSays() throws Exception {
        String only = System.getProperty("docs.only", ""); // while writing a page: -Ddocs.only=workbook
        List<MarkedDocument.Parsed> documents = CourseDocs.all().stream()
                .filter(doc -> doc.toString().contains(only))
                .map(doc -> MarkedDocument.read(CourseDocs.ROOT, doc)).toList();
        List<String> problems = documents.stream().flatMap(d -> d.problems().stream()).toList();
        if (!problems.isEmpty()) {
            fail("documents with blocks the test cannot read:\n" + String.join("\n", problems));
        }
        if (Files.notExists(Path.of("/bin/bash")) && Files.notExists(Path.of("/usr/bin/bash"))) {
            fail("bash is needed to run the documents' commands");
        }
        try (DocStack stack = DocStack.start(CourseDocs.ROOT, sandbox)) {
            DocRunner runner = new DocRunner(stack, scratch);
            for (MarkedDocument.Parsed document : documents) {
                Optional<String> failure = runner.run(document.blocks());
                if (failure.isPresent()) {
                    fail(failure.get());
                }
                backToStart(runner);
            }
        }
    }

    /** What every document may assume: the first scenario, no service fault, no ejected endpoint. */
    private static void backToStart(DocRunner runner) {
        DocBlock reset = new DocBlock(Path.of("(between documents)"), 0,
                new Mark.Run("reset", DocRunner.RESET, List.of(new Expectation.ExitCode(0))),
                List.of(new DocBlock.Command(0, "./theater scenario reset"),
                        new DocBlock.Command(0, "./theater fault clear --all")));
        runner.run(List.of(reset)).ifPresent(failure -> fail(failure));
        DocBlock calm = new DocBlock(Path.of("(between documents)"), 0,
                new Mark.Run("reset", DocRunner.RESET, List.of(new Expectation.ExitCode(0),
                        new Expectation.NoEjection(BACK_TO_START))),
                List.of(new DocBlock.Command(0, "true")));
        runner.run(List.of(calm)).ifPresent(failure -> fail(failure));
    }
}
