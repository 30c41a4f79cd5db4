package io.theatermsa.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real (not dry) deploy against a fake kubectl that plays two clusters: what goes into ctx1's Secrets
 * {@code remote-kubeconfig} and {@code gateway-admin}, and which of their values reach the terminal.
 */
class ScriptClusterSecretsTest {

    private static final String REMOTE_TOKEN = "remote-sa-token-do-not-print";

    @TempDir
    Path temp;
    ScriptTestSupport scripts;
    Path applied;
    Path tmpdir;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        ManifestRendering.requireKubectl();
        scripts = new ScriptTestSupport(temp);
        applied = Files.createDirectories(temp.resolve("applied"));
        tmpdir = Files.createDirectories(temp.resolve("tmp"));
        scripts.simulateClusters(Base64.getEncoder().encodeToString(REMOTE_TOKEN.getBytes(StandardCharsets.UTF_8)),
                applied);
        Path kubeconfig = ScriptTestSupport.twoClusterKubeconfig(temp);
        env = Map.of("KUBECONFIG", kubeconfig.toString(), "TMPDIR", tmpdir.toString());
    }

    @Test
    void theRemoteKubeconfigReadsCtx2AsItsServiceAccountAndItsTokenIsNeverPrinted() throws IOException {
        ScriptTestSupport.Run run = scripts.run(env, "deploy-all.sh", "--skip-preflight");

        assertThat(run.exitCode()).as(run.output()).isZero();
        String kubeconfig = secretValue("remote-kubeconfig", "kubeconfig");
        assertThat(kubeconfig).contains("server: https://10.0.0.2:6443", "certificate-authority-data: Q0EtREFUQQ==",
                "token: " + REMOTE_TOKEN, "name: api-gateway-remote", "namespace: theater-msa",
                "current-context: ctx2");
        assertThat(run.output()).doesNotContain(REMOTE_TOKEN);
        assertThat(scripts.kubectlCalls()).noneMatch(call -> call.contains(REMOTE_TOKEN));
        assertThat(appliedSecret("gateway-admin")).isEmpty();
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertThat(left).as("temp files removed").isEmpty();
        }
    }

    @Test
    void theRemoteServerFlagWins() throws IOException {
        ScriptTestSupport.Run run = scripts.run(env, "deploy-ctx1.sh", "--remote-server", "https://ctx2.internal:6443");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(secretValue("remote-kubeconfig", "kubeconfig")).contains("server: https://ctx2.internal:6443");
    }

    @Test
    void aGeneratedAdminTokenIsPrintedOnceAtTheEnd() throws IOException {
        ScriptTestSupport.Run run = scripts.run(env, "deploy-all.sh", "--skip-preflight", "--admin");

        assertThat(run.exitCode()).as(run.output()).isZero();
        String token = secretValue("gateway-admin", "token");
        assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 bits, URL-safe base64 without padding
        assertThat(run.output().split(Pattern.quote(token), -1)).hasSize(2);
        assertThat(run.output().indexOf(token)).isGreaterThan(run.output().indexOf("deployed to ctx2 and ctx1"));
    }

    @Test
    void aGivenAdminTokenIsStoredAndNotPrinted() throws IOException {
        Map<String, String> withToken = new java.util.HashMap<>(env);
        withToken.put("ADMIN_TOKEN", "given-admin-token-do-not-print");
        ScriptTestSupport.Run run = scripts.run(withToken, "deploy-all.sh", "--skip-preflight", "--admin");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(secretValue("gateway-admin", "token")).isEqualTo("given-admin-token-do-not-print");
        assertThat(run.output()).doesNotContain("given-admin-token-do-not-print", "admin token (generated");
    }

    /** The base64-decoded value of KEY in the applied Secret NAME. */
    private String secretValue(String name, String key) throws IOException {
        String yaml = appliedSecret(name).orElseThrow(() -> new AssertionError("Secret " + name + " not applied"));
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(key) + ": (\\S+)$").matcher(yaml);
        assertThat(m.find()).as(yaml).isTrue();
        return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
    }

    private java.util.Optional<String> appliedSecret(String name) throws IOException {
        List<String> docs;
        try (Stream<Path> files = Files.list(applied)) {
            docs = files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        return docs.stream().filter(d -> d.contains("kind: Secret") && d.contains("name: " + name + "\n")).findFirst();
    }
}
