package io.theatermsa.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the scripts under {@code scripts/} as real processes, with a fake {@code kubectl} first on PATH that records
 * every call. The fake hands {@code kustomize} (offline rendering) and {@code config} (reading the kubeconfig) to the
 * real kubectl when there is one, and fails anything that would talk to a cluster. KUBECONFIG always points to an
 * empty file, so no test can reach a real cluster.
 */
final class ScriptTestSupport {

    static final Path ROOT = findRoot();
    private static final long TIMEOUT_SECONDS = 120;

    private final Path kubectlLog;
    private final Path fakeBin;
    private final Path kubeconfig;
    private final Path noImageTag;

    /** What one script run printed (stdout and stderr merged) and how it ended. */
    record Run(int exitCode, String output) {}

    ScriptTestSupport(Path tempDir) throws IOException {
        fakeBin = Files.createDirectories(tempDir.resolve("bin"));
        kubectlLog = tempDir.resolve("kubectl-calls.log");
        Files.createFile(kubectlLog);
        kubeconfig = Files.createFile(tempDir.resolve("empty-kubeconfig"));
        noImageTag = tempDir.resolve("no-image-tag"); // a developer's target/image-tag must not leak into the tests
        writeFakeKubectl();
    }

    Run run(String script, String... args) {
        return run(Map.of(), script, args);
    }

    Run run(Map<String, String> env, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("scripts").resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> e = pb.environment();
        Stream.of("CTX1", "CTX2", "REGISTRY", "TAG", "REDIS_PASSWORD", "GATEWAY_URL", "THEATER_NAMESPACE",
                "THEATER_STATE", "DRY_RUN", "CTX2_SERVER", "ADMIN_TOKEN", "THEATER_HOST",
                "THEATER_IMAGE_TAG_FILE", "ISTIO_DIR", "ISTIO_REVISION", "KIND_PREFIX").forEach(e::remove);
        e.put("PATH", fakeBin + File.pathSeparator + System.getenv("PATH"));
        e.put("KUBECONFIG", kubeconfig.toString());
        e.put("FAKE_KUBECTL_LOG", kubectlLog.toString());
        e.put("THEATER_IMAGE_TAG_FILE", noImageTag.toString());
        e.putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes(); // ends when the process closes its output
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e1) {
            throw new AssertionError("cannot run " + script, e1);
        } catch (InterruptedException e2) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e2);
        }
    }

    /** Every kubectl call the scripts made, one line of arguments each. */
    List<String> kubectlCalls() throws IOException {
        return Files.readAllLines(kubectlLog);
    }

    /**
     * Replaces the fake kubectl by one that plays two healthy clusters: contexts and {@code config view} come from
     * KUBECONFIG (real kubectl), {@code create secret … --dry-run=client} is the real kubectl, ctx2's token Secret
     * holds {@code remoteToken} (base64) and a CA, other Secrets are missing, and every {@code apply -f -} stores its
     * input as {@code applied-N.yaml} in {@code appliedDir} and answers {@code created}. Needs a real kubectl.
     */
    void simulateClusters(String remoteTokenBase64, Path appliedDir) throws IOException {
        String real = onPath("kubectl").map(Path::toString).orElseThrow();
        String script = """
                #!/usr/bin/env bash
                printf '%%s\\n' "$*" >>"$FAKE_KUBECTL_LOG"
                real='%s'
                case "$*" in
                  kustomize*|config*|*"create secret"*) exec "$real" "$@" ;;
                  *"get secret api-gateway-remote-token"*token*) printf '%%s' '%s' ;;
                  *"get secret api-gateway-remote-token"*ca*) printf '%%s' 'Q0EtREFUQQ==' ;;
                  *"get secret"*|*"get deployment"*) exit 1 ;;
                  *"apply -f -"*)
                    n=$(ls '%s' | wc -l)
                    cat >'%s'/applied-$n.yaml
                    echo "object created" ;;
                  *"delete -f -"*)
                    n=$(ls '%s' | wc -l)
                    cat >'%s'/deleted-$n.yaml ;;
                  *) exit 0 ;;
                esac
                """.formatted(real, remoteTokenBase64, appliedDir, appliedDir, appliedDir, appliedDir);
        Files.writeString(fakeBin.resolve("kubectl"), script);
    }

    /**
     * Puts a fake {@code program} (a bash script body after the shebang) first on PATH. The fake can log to
     * {@code $FAKE_KUBECTL_LOG} like the fake kubectl does.
     */
    void fake(String program, String body) throws IOException {
        Path file = fakeBin.resolve(program);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A kubeconfig in DIR with contexts ctx1 and ctx2 (servers 10.0.0.1 and 10.0.0.2), for a fake that plays them. */
    static Path twoClusterKubeconfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("clusters.yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: one, cluster: {server: "https://10.0.0.1:6443"}}
                - {name: two, cluster: {server: "https://10.0.0.2:6443"}}
                users: [{name: u, user: {token: not-a-real-one}}]
                contexts:
                - {name: ctx1, context: {cluster: one, user: u}}
                - {name: ctx2, context: {cluster: two, user: u}}
                current-context: ctx1
                """);
    }

    static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private void writeFakeKubectl() throws IOException {
        String real = onPath("kubectl").map(Path::toString).orElse("");
        String script = """
                #!/usr/bin/env bash
                # Fake kubectl: records its arguments; only offline subcommands reach the real kubectl.
                printf '%%s\\n' "$*" >>"$FAKE_KUBECTL_LOG"
                real='%s'
                case $1 in
                  kustomize|config)
                    if [ -n "$real" ]; then exec "$real" "$@"; fi
                    exit 0 ;;
                  *) echo "fake kubectl: no cluster here ($*)" >&2; exit 1 ;;
                esac
                """.formatted(real);
        Path kubectl = fakeBin.resolve("kubectl");
        Files.writeString(kubectl, script);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("scripts")) && Files.isRegularFile(dir.resolve("theater")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("project root (with scripts/ and theater) not found above the working dir");
        }
        return dir;
    }
}
