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

    @Test
    void theCourseIsThereInBothLanguagesWithTheSameRunnableCommands() {
        for (String page : CourseDocs.COURSE_ORDER) {
            assertThat(CourseDocs.ROOT.resolve("docs/course").resolve(page)).as(page).exists();
            List<String> korean = runnable("docs/course/" + page);
            List<String> english = runnable("docs/course/en/" + page);
            assertThat(english).as("docs/course/en/" + page + " runs what docs/course/" + page + " runs").isEqualTo(korean);
        }
    }

    @Test
    void everyRunBlockHasACommand() {
        CourseDocs.all().stream().flatMap(doc -> MarkedDocument.read(CourseDocs.ROOT, doc).blocks().stream())
                .filter(b -> b.mark() instanceof Mark.Run)
                .forEach(b -> assertThat(b.commands()).as(b.where()).isNotEmpty());
    }

    private static List<String> runnable(String page) {
        return MarkedDocument.read(CourseDocs.ROOT, CourseDocs.ROOT.resolve(page)).blocks().stream()
                .filter(b -> b.mark() instanceof Mark.Run)
                .flatMap(b -> b.commands().stream().map(DocBlock.Command::text)).toList();
    }
}
