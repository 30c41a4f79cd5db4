package io.theatermsa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MissingScenarioTest {

    @TempDir
    Path home;

    @Test
    void aPracticeScenarioNamedWithoutItsFolderIsPointedTo() throws IOException {
        Files.createDirectories(home.resolve("k8s/practice/03-delay-fault"));

        for (String given : new String[] {"03-delay-fault", "delay-fault", "03"}) {
            assertThat(MissingScenario.message(home, given, home.resolve(given)))
                    .contains("error: no such scenario: " + home.resolve(given))
                    .endsWith("did you mean: k8s/practice/03-delay-fault");
        }
    }

    @Test
    void anythingElseIsPointedToTheList() throws IOException {
        Files.createDirectories(home.resolve("k8s/practice/03-delay-fault"));

        assertThat(MissingScenario.message(home, "nowhere/at-all", home.resolve("nowhere/at-all")))
                .endsWith("the practice scenarios: ./theater scenario list");
    }
}
