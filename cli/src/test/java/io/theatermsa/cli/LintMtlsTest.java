package io.theatermsa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code theater lint} on directories whose DestinationRules, PeerAuthentications and {@code istio} ConfigMap lie in
 * separate files: Kiali's mTLS checks (KIA0204–KIA0208) see all of them, and exit with the gate of their codes.
 * Informational findings are left out of the comparison.
 */
class LintMtlsTest {

    @TempDir
    Path home;

    @Test
    void aRuleThatDropsNamespaceWideMtlsIsAWarningLintLetsThrough() throws IOException {
        CommandRun lint = lint("mtls-settings-overridden");

        assertThat(lint.exitCode()).as(lint.all()).isZero();
        assertThat(nonInformational(lint)).containsExactly("THT-W017 WARNING");
        assertThat(lint.out()).contains("KIA0204", "theater-msa/default");
    }

    @Test
    void plainTextToStrictServersAndAMissingMeshPolicyFailLint() throws IOException {
        CommandRun lint = lint("mtls-against-peer-authentication");

        assertThat(lint.exitCode()).as(lint.all()).isEqualTo(1);
        assertThat(nonInformational(lint)).containsExactlyInAnyOrder("THT-L015 ERROR", "THT-L013 ERROR");
        assertThat(lint.out()).contains("KIA0207", "KIA0205", "spec.trafficPolicy.tls.mode");
    }

    private CommandRun lint(String corpusDir) {
        return CommandRun.of(home, "lint", "--json", LintRulesTest.CORPUS.resolve(corpusDir).toString());
    }

    private static List<String> nonInformational(CommandRun lint) throws IOException {
        return LintRulesTest.findings(lint.out()).stream().filter(f -> !f.endsWith(" INFO")).toList();
    }
}
