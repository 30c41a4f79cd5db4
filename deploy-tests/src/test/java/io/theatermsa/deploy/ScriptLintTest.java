package io.theatermsa.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Every script under scripts/ is clean under {@code shellcheck -x} and starts in strict mode. */
class ScriptLintTest {

    @Test
    void everyScriptIsCleanUnderShellcheck() throws Exception {
        if (ScriptTestSupport.onPath("shellcheck").isEmpty()) {
            fail("shellcheck is not installed: .ci/run installs it (Debian/Ubuntu: sudo apt-get install shellcheck)");
        }
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
        scripts().forEach(p -> command.add(ScriptTestSupport.ROOT.relativize(p).toString()));
        Process p = new ProcessBuilder(command).directory(ScriptTestSupport.ROOT.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
        assertThat(p.exitValue()).as("shellcheck -x findings:%n%s", out).isZero();
    }

    @Test
    void everyExecutableScriptRunsInStrictMode() throws IOException {
        for (Path script : scripts().filter(Files::isExecutable).toList()) {
            assertThat(Files.readString(script)).as(script.toString()).contains("set -euo pipefail");
        }
    }

    @Test
    void theScriptsTheCourseNamesExist() {
        Stream.of("deploy-all.sh", "deploy-ctx1.sh", "deploy-ctx2.sh", "cleanup.sh", "build-images.sh",
                        "fault-injection-demo.sh", "preflight.sh", "kind-up.sh")
                .forEach(name -> assertThat(ScriptTestSupport.ROOT.resolve("scripts").resolve(name)).isExecutable());
    }

    private static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(ScriptTestSupport.ROOT.resolve("scripts"))) {
            return files.filter(f -> f.toString().endsWith(".sh")).sorted().toList().stream();
        }
    }
}
