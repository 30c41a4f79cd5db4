package io.theatermsa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A command line picocli cannot parse is told in Korean and English, with what to try, and exit code 2. */
class BilingualParameterErrorsTest {

    @TempDir
    Path home;

    @Test
    void aMistypedCommandGetsSuggestionsAndTheHelpToRead() {
        CommandRun run = CommandRun.of(home, "stauts");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("오류: 알 수 없는 명령·옵션·인자입니다 / error: Unmatched argument at index 0: 'stauts'")
                .contains("혹시 / did you mean: theater status").contains("도움말 / help: ./theater --help")
                .doesNotContain("Usage:");
    }

    @Test
    void eachKindOfMistakeIsSaidInKorean() {
        assertThat(CommandRun.of(home, "load", "-n", "abc").err())
                .startsWith("오류: 값이 올바르지 않습니다 / error: Invalid value for option '-n': 'abc' is not an int")
                .contains("도움말 / help: ./theater load --help");
        assertThat(CommandRun.of(home, "scenario", "apply").err())
                .startsWith("오류: 꼭 필요한 옵션이나 인자가 빠졌습니다 / error: Missing required parameter: 'PATH'")
                .contains("./theater scenario apply --help");
        assertThat(CommandRun.of(home, "up", "--port", "1", "--port", "2").err())
                .startsWith("오류: 같은 옵션이 두 번 주어졌습니다 / error: option '--port' (PORT) should be specified only once");
        assertThat(CommandRun.of(home, "status", "--outptu", "json").err())
                .contains("혹시 / did you mean: --output").doesNotContain("theater status --output");
    }
}
