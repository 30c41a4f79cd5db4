package io.theatermsa.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a stack: every shell block of the documents {@link CourseDocsIT} runs is marked, every mark reads, and
 * every run block has a command.
 */
class CourseDocsMarkedTest {

    @Test
    void everyShellBlockIsMarkedAndEveryMarkReads() {
        List<String> problems = CourseDocs.all().stream()
                .flatMap(doc -> MarkedDocument.read(CourseDocs.ROOT, doc).problems().stream()).toList();

        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /** Why {@link CourseDocsIT} runs the Korean pages only: the English ones hold the very same blocks. */
    @Test
    void theCourseIsThereInBothLanguagesWithTheSameBlocks() {
        for (String page : CourseDocs.COURSE_ORDER) {
            assertThat(CourseDocs.ROOT.resolve("docs/course").resolve(page)).as(page).exists();
            List<String> korean = blocks("docs/course/" + page);
            List<String> english = blocks("docs/course/en/" + page);
            assertThat(english).as("docs/course/en/" + page + " has the blocks of docs/course/" + page)
                    .isEqualTo(korean);
        }
    }

    @Test
    void everyRunBlockHasACommand() {
        CourseDocs.all().stream().flatMap(doc -> MarkedDocument.read(CourseDocs.ROOT, doc).blocks().stream())
                .filter(b -> b.mark() instanceof Mark.Run)
                .forEach(b -> assertThat(b.commands()).as(b.where()).isNotEmpty());
    }

    /** Each block's mark and commands, as text (a pattern has no equals of its own). */
    private static List<String> blocks(String page) {
        return MarkedDocument.read(CourseDocs.ROOT, CourseDocs.ROOT.resolve(page)).blocks().stream()
                .map(b -> b.mark() + " " + b.commands().stream().map(DocBlock.Command::text).toList()).toList();
    }
}
