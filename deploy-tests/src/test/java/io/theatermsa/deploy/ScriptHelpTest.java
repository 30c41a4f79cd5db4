package io.theatermsa.deploy;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} exits 0, is bilingual and names what the script does; an unknown option exits 2 with the usage. */
class ScriptHelpTest {

    record Case(String script, List<String> mentions) {
        @Override
        public String toString() {
            return script;
        }
    }

    static Stream<Case> scripts() {
        List<String> deploy = List.of("--dry-run", "--ctx1", "--ctx2", "--registry", "--tag", "--admin",
                "--remote-server", "ADMIN_TOKEN", "CTX2_SERVER", "사용법", "usage");
        return Stream.of(
                new Case("deploy-all.sh", concat(deploy, "ctx2", "k8s/clusters/ctx1", "BOTH",
                        "remote-kubeconfig", "gateway-admin")),
                new Case("deploy-ctx1.sh", concat(deploy, "k8s/clusters/ctx1")),
                new Case("deploy-ctx2.sh", concat(deploy, "k8s/clusters/ctx2", "Redis")),
                new Case("cleanup.sh", List.of("--yes", "--dry-run", "--ctx1", "--ctx2", "사용법", "usage")),
                new Case("build-images.sh", List.of("jib:build", "--registry", "--tag", "--tar", "--dry-run",
                        "jib:buildTar", "사용법", "usage")),
                new Case("fault-injection-demo.sh", List.of("setup", "delay", "error", "block", "chaos", "status",
                        "test", "reset", "recover", "circuit-breaker", "circuit ", "rollback delay|error|block", "failover", "partition", "--undo",
                        "heal", "--one-way", "service-error", "service-latency", "service-hang", "service-down",
                        "degrade", "chaos-service", "service-list", "service-clear", "10-service-faults",
                        "--context", "--local", "--dry-run", "사용법", "usage")),
                new Case("measure-gateway.sh", List.of("--rounds", "--duration", "--jfr", "nginx-light", "wrk",
                        "THEATER_JAVA_OPTS", "사용법", "usage")));
    }

    @TempDir
    Path temp;

    @ParameterizedTest
    @MethodSource("scripts")
    void helpExitsZeroAndNamesTheCommands(Case c) throws IOException {
        ScriptTestSupport.Run run = new ScriptTestSupport(temp).run(c.script(), "--help");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(c.mentions());
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void unknownOptionExitsTwoWithTheUsage(Case c) throws IOException {
        ScriptTestSupport support = new ScriptTestSupport(temp);
        ScriptTestSupport.Run run = support.run(c.script(), "--no-such-option");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("--no-such-option", "usage");
        assertThat(support.kubectlCalls()).isEmpty();
    }

    private static List<String> concat(List<String> a, String... b) {
        return Stream.concat(a.stream(), Stream.of(b)).toList();
    }
}
