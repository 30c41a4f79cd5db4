package io.theatermsa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What scripts and people see: {@code -o json} with no stack, and colour only when it is wanted. */
class OutputTest {

    @TempDir
    Path home;

    @Test
    void statusWithoutAStackIsOneJsonDocumentAndExit3() throws Exception {
        CommandRun run = CommandRun.of(home, "status", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_STACK);
        assertThat(new ObjectMapper().readTree(run.out()).properties()).singleElement()
                .satisfies(field -> assertThat(field.getKey() + "=" + field.getValue()).isEqualTo("running=false"));
    }

    @Test
    void withoutATerminalOrWithNoColorThereIsNoColour() {
        assertThat(Style.of(Map.of()).decorated()).as("tests run without a terminal").isFalse();
        assertThat(Style.of(Map.of("NO_COLOR", "1")).decorated()).isFalse();
        assertThat(Style.PLAIN.good("yes")).isEqualTo("yes");
        assertThat(new Style(true).good("yes")).isEqualTo("\u001B[32m✓ yes\u001B[0m");
        assertThat(new Style(true).bad("no")).isEqualTo("\u001B[31m✗ no\u001B[0m");
    }

    @Test
    void colourCodesTakeNoRoomInATable() {
        StringWriter out = new StringWriter();
        new Table("A", "B").row(new Style(true).good("yes"), "x").row("no", "y").print(new PrintWriter(out, true));

        assertThat(out.toString().lines().map(line -> line.replaceAll("\u001B\\[[0-9;]*m", "")).toList())
                .containsExactly("  A      B", "  ✓ yes  x", "  no     y");
    }
}
