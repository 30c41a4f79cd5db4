package io.theatermsa.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The block format: which blocks are shell blocks, how marks read, and what a document gets wrong. */
class MarkedDocumentTest {

    private static MarkedDocument.Parsed parse(String markdown) {
        return MarkedDocument.parse(Path.of("doc.md"), markdown.lines().toList());
    }

    @Test
    void aRunMarkReadsItsTerminalTimeoutAndExpectationsInOrder() {
        MarkedDocument.Parsed parsed = parse("""
                text
                <!-- doc-test: run terminal=2 timeout=30s exit=3 line="^OK \\"quoted\\"$" status=503 split=ctx1=70 ejected=user-service@ctx2/40s no-line=NC -->
                ```bash
                ./theater status
                ```
                """);

        assertThat(parsed.problems()).isEmpty();
        DocBlock block = parsed.blocks().getFirst();
        assertThat(block.line()).isEqualTo(3);
        Mark.Run run = (Mark.Run) block.mark();
        assertThat(run.terminal()).isEqualTo("2");
        assertThat(run.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(run.expectations()).hasSize(6);
        assertThat(run.expectations().get(0)).isEqualTo(new Expectation.ExitCode(3));
        assertThat(((Expectation.OutputLine) run.expectations().get(1)).pattern().pattern()).isEqualTo("^OK \"quoted\"$");
        assertThat(run.expectations().get(3)).isEqualTo(new Expectation.ClusterSplit("ctx1", 70));
        assertThat(run.expectations().get(4))
                .isEqualTo(new Expectation.Ejection("user-service", "ctx2", Duration.ofSeconds(40)));
    }

    @Test
    void aRunMarkWithoutExitExpectsZero() {
        Mark.Run run = (Mark.Run) parse("<!-- doc-test: run -->\n```sh\ntrue\n```\n").blocks().getFirst().mark();

        assertThat(run.expectations()).containsExactly(new Expectation.ExitCode(0));
        assertThat(run.terminal()).isEqualTo("1");
        assertThat(run.timeout()).isEqualTo(MarkedDocument.DEFAULT_TIMEOUT);
    }

    @Test
    void aSkipMarkKeepsItsReason() {
        MarkedDocument.Parsed parsed = parse("<!-- doc-test: skip real clusters only -->\n```bash\nkubectl get nodes\n```\n");

        assertThat(parsed.blocks().getFirst().mark()).isEqualTo(new Mark.Skip("real clusters only"));
    }

    record Wrong(String name, String markdown, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Wrong> wrongDocuments() {
        return Stream.of(
                new Wrong("unmarked bash", "text\n```bash\nls\n```\n", "doc.md:2: unmarked bash block"),
                new Wrong("unmarked console", "```console\n$ ls\n```\n", "doc.md:1: unmarked console block"),
                new Wrong("mark not right above", "<!-- doc-test: run -->\n\n```sh\nls\n```\n", "unmarked sh block"),
                new Wrong("skip without reason", "<!-- doc-test: skip -->\n```bash\nls\n```\n", "needs a reason"),
                new Wrong("unknown key", "<!-- doc-test: run colour=red -->\n```bash\nls\n```\n", "unknown key 'colour'"),
                new Wrong("bad split", "<!-- doc-test: run split=ctx1 -->\n```bash\nls\n```\n", "bad split=ctx1"),
                new Wrong("bad regex", "<!-- doc-test: run line=\"(\" -->\n```bash\nls\n```\n", "bad line=("),
                new Wrong("bad timeout", "<!-- doc-test: run timeout=2m -->\n```bash\nls\n```\n", "bad timeout=2m"),
                new Wrong("trailing words", "<!-- doc-test: run exit=0 and more -->\n```bash\nls\n```\n",
                        "cannot read the mark from 'and more'"));
    }

    @ParameterizedTest
    @MethodSource("wrongDocuments")
    void aDocumentProblemIsNamedWithItsLine(Wrong wrong) {
        MarkedDocument.Parsed parsed = parse(wrong.markdown());

        assertThat(parsed.problems()).singleElement().asString().contains(wrong.problem());
        assertThat(parsed.blocks()).isEmpty();
    }

    @Test
    void blocksInOtherLanguagesNeedNoMark() {
        MarkedDocument.Parsed parsed = parse("```text\n$ ./theater up\n```\n```yaml\nkind: X\n```\n```\nplain\n```\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.blocks()).isEmpty();
    }

    @Test
    void commandsAreLinesWithTheirContinuationsAndHeredocsAndWithoutComments() {
        List<DocBlock.Command> commands = MarkedDocument.commands(List.of(
                "# a comment",
                "echo one   # trailing comment stays",
                "",
                "kubectl apply \\",
                "  -k dir",
                "kubectl apply -f - <<'EOF'",
                "kind: VirtualService",
                "EOF",
                "cat <<< \"here string\""), 10);

        assertThat(commands).containsExactly(
                new DocBlock.Command(11, "echo one   # trailing comment stays"),
                new DocBlock.Command(13, "kubectl apply \\\n  -k dir"),
                new DocBlock.Command(15, "kubectl apply -f - <<'EOF'\nkind: VirtualService\nEOF"),
                new DocBlock.Command(18, "cat <<< \"here string\""));
    }

    @Test
    void anIndentedBlockInAListIsReadWithoutItsIndent() {
        MarkedDocument.Parsed parsed = parse("""
                - step
                  <!-- doc-test: run -->
                  ```bash
                  ./theater status
                  ```
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.blocks().getFirst().commands()).containsExactly(new DocBlock.Command(4, "./theater status"));
    }
}
