package io.theatermsa.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --dry-run} prints every command that would change a cluster, for both contexts, and runs none of them:
 * the fake kubectl may only have rendered manifests ({@code kustomize}) or read the kubeconfig.
 */
class ScriptDryRunTest {

    @TempDir
    Path temp;
    ScriptTestSupport scripts;

    @BeforeEach
    void setUp() throws IOException {
        scripts = new ScriptTestSupport(temp);
    }

    @Test
    void deployAllDeploysCtx2FirstThenCtx1ThenTheIstioConfigToBoth() throws IOException {
        String out = dryRun("deploy-all.sh", "--dry-run");

        String ctx2Workloads = "kubectl kustomize k8s/clusters/ctx2 | kubectl --context ctx2 apply -f -";
        String ctx1Workloads = "kubectl kustomize k8s/clusters/ctx1 | kubectl --context ctx1 apply -f -";
        assertThat(out).contains(ctx2Workloads, ctx1Workloads,
                "create secret generic redis-auth", "kubectl --context ctx2 apply -f -",
                "kubectl --context ctx2 -n theater-msa wait --for=condition=Available deployment --all",
                "kubectl --context ctx1 -n theater-msa wait --for=condition=Available deployment --all",
                "kubectl kustomize k8s/practice/01-initial | kubectl --context ctx1 apply -f -",
                "kubectl kustomize k8s/practice/01-initial | kubectl --context ctx2 apply -f -");
        assertThat(out.indexOf(ctx2Workloads)).isLessThan(out.indexOf(ctx1Workloads));
        assertThat(out.indexOf(ctx1Workloads))
                .isLessThan(out.indexOf("k8s/practice/01-initial | kubectl --context ctx2"));
    }

    @Test
    void deployCtx1AndCtx2TouchOnlyTheirOwnCluster() throws IOException {
        String one = dryRun("deploy-ctx1.sh", "--dry-run");
        String two = dryRun("deploy-ctx2.sh", "--dry-run");

        assertThat(one).contains("k8s/clusters/ctx1 | kubectl --context ctx1 apply -f -",
                        "k8s/practice/01-initial | kubectl --context ctx1 apply -f -")
                .doesNotContain("--context ctx2 apply", "--context ctx2 delete", "--context ctx2 -n theater-msa wait");
        // ctx1 only reads ctx2: the token Secret behind the remote kubeconfig.
        assertThat(one.lines().filter(l -> l.contains("--context ctx2")))
                .allSatisfy(l -> assertThat(l).contains("get secret api-gateway-remote-token"));
        assertThat(two).contains("k8s/clusters/ctx2 | kubectl --context ctx2 apply -f -",
                        "k8s/practice/01-initial | kubectl --context ctx2 apply -f -")
                .doesNotContain("--context ctx1");
    }

    @Test
    void contextNamesComeFromFlags() throws IOException {
        String out = dryRun("deploy-all.sh", "--dry-run", "--ctx1", "naver", "--ctx2", "nhn");

        assertThat(out).contains("kubectl --context nhn apply -f -", "kubectl --context naver apply -f -")
                .doesNotContain("--context ctx1", "--context ctx2");
    }

    @Test
    void registryAndTagOverrideOnlyOurImages() throws IOException {
        String out = dryRun("deploy-all.sh", "--dry-run", "--registry", "harbor.example.com/theater-msa",
                "--tag", "1.2.3");

        assertThat(out).contains("newName: \"harbor.example.com/theater-msa/api-gateway\"",
                "newName: \"harbor.example.com/theater-msa/user-service\"", "newTag: \"1.2.3\"");
        assertThat(out).doesNotContain("theater-msa/redis");
    }

    @Test
    void theRedisPasswordIsNeverPrinted() throws IOException {
        String out = scripts.run(java.util.Map.of("REDIS_PASSWORD", "s3cret-do-not-print"),
                "deploy-all.sh", "--dry-run").output();

        assertThat(out).doesNotContain("s3cret-do-not-print").contains("redis-auth");
    }

    @Test
    void deployAllCreatesTheRemoteKubeconfigInCtx1AfterCtx2AndBeforeTheGateway() throws IOException {
        String out = dryRun("deploy-all.sh", "--dry-run");

        String read = "kubectl --context ctx2 -n theater-msa get secret api-gateway-remote-token";
        String create = "create secret generic remote-kubeconfig --from-file=kubeconfig=";
        String applied = "--dry-run=client -o yaml | kubectl --context ctx1 apply -f -";
        assertThat(out).contains(read, create, "namespace theater-msa", "token hidden");
        assertThat(out.lines().filter(l -> l.contains(create))).singleElement().asString().contains(applied);
        assertThat(out.indexOf(read))
                .isGreaterThan(out.indexOf("kubectl kustomize k8s/clusters/ctx2 | kubectl --context ctx2 apply"))
                .isLessThan(out.indexOf("kubectl kustomize k8s/clusters/ctx1 | kubectl --context ctx1 apply"));
        assertThat(out).doesNotContain("gateway-admin", "-admin |");
    }

    @Test
    void theRemoteServerComesFromTheCtx2ContextOrTheFlagOrTheEnvironment() throws IOException {
        ManifestRendering.requireKubectl();
        Path kubeconfig = temp.resolve("two-clusters.yaml");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: one, cluster: {server: "https://10.0.0.1:6443"}}
                - {name: two, cluster: {server: "https://10.0.0.2:6443"}}
                users: [{name: u, user: {}}]
                contexts:
                - {name: ctx1, context: {cluster: one, user: u}}
                - {name: ctx2, context: {cluster: two, user: u}}
                """);
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());

        assertThat(scripts.run(env, "deploy-all.sh", "--dry-run").output())
                .contains("server https://10.0.0.2:6443,").doesNotContain("10.0.0.1");
        assertThat(scripts.run(env, "deploy-all.sh", "--dry-run", "--remote-server", "https://ctx2.internal:6443")
                .output()).contains("server https://ctx2.internal:6443,").doesNotContain("10.0.0.2");
        assertThat(scripts.run(Map.of("KUBECONFIG", kubeconfig.toString(), "CTX2_SERVER", "https://env.example:6443"),
                "deploy-all.sh", "--dry-run").output()).contains("server https://env.example:6443,");
    }

    @Test
    void adminModeRendersTheAdminOverlaysOfBothClustersAndTheAdminSecret() throws IOException {
        String out = dryRun("deploy-all.sh", "--dry-run", "--admin");

        assertThat(out).contains("kubectl kustomize k8s/clusters/ctx2-admin | kubectl --context ctx2 apply -f -",
                "kubectl kustomize k8s/clusters/ctx1-admin | kubectl --context ctx1 apply -f -",
                "create secret generic gateway-admin --from-file=token=",
                "create secret generic remote-kubeconfig");
        assertThat(out).doesNotContain("k8s/clusters/ctx1 |", "k8s/clusters/ctx2 |");
        assertThat(out.lines().filter(l -> l.contains("gateway-admin --from-file")))
                .singleElement().asString().contains("| kubectl --context ctx1 apply -f -");
        assertThat(out.indexOf("gateway-admin --from-file"))
                .isLessThan(out.indexOf("k8s/clusters/ctx1-admin | kubectl --context ctx1 apply"));
    }

    @Test
    void adminModeOfOneClusterRendersOnlyItsOwnAdminOverlay() throws IOException {
        String one = dryRun("deploy-ctx1.sh", "--dry-run", "--admin");
        String two = dryRun("deploy-ctx2.sh", "--dry-run", "--admin");

        assertThat(one).contains("k8s/clusters/ctx1-admin | kubectl --context ctx1 apply -f -",
                "create secret generic gateway-admin", "create secret generic remote-kubeconfig");
        assertThat(two).contains("k8s/clusters/ctx2-admin | kubectl --context ctx2 apply -f -", "deploy-ctx1.sh --admin")
                .doesNotContain("gateway-admin", "remote-kubeconfig", "--context ctx1");
    }

    @Test
    void theAdminTokenIsNeverPrintedInADryRunNeitherGivenNorGenerated() throws IOException {
        String given = scripts.run(Map.of("ADMIN_TOKEN", "admin-s3cret-do-not-print"),
                "deploy-all.sh", "--dry-run", "--admin").output();
        String generated = dryRun("deploy-all.sh", "--dry-run", "--admin");

        assertThat(given).doesNotContain("admin-s3cret-do-not-print").contains("gateway-admin");
        // A generated token is 43 URL-safe characters; a dry run generates none and prints none.
        assertThat(generated).doesNotContainPattern("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
                .doesNotContain("admin token (generated");
    }

    @Test
    void cleanupDeletesFromBothClustersWithoutAsking() throws IOException {
        String out = dryRun("cleanup.sh", "--yes", "--dry-run");

        assertThat(out).contains("kubectl --context ctx1 delete namespace theater-msa --ignore-not-found",
                "kubectl --context ctx2 delete namespace theater-msa --ignore-not-found",
                "k8s/clusters/ctx1 | kubectl --context ctx1 delete -f - --ignore-not-found",
                "k8s/clusters/ctx2 | kubectl --context ctx2 delete -f - --ignore-not-found",
                "kubectl --context ctx1 -n theater-msa delete secret redis-auth remote-kubeconfig gateway-admin "
                        + "--ignore-not-found",
                "kubectl --context ctx2 -n theater-msa delete secret redis-auth --ignore-not-found");
        assertThat(out.indexOf("delete secret redis-auth remote-kubeconfig"))
                .isLessThan(out.indexOf("kubectl --context ctx1 delete namespace"));
    }

    @Test
    void buildImagesRunsJibOnTheFourImageModulesWithRegistryAndTag() throws IOException {
        String out = dryRun("build-images.sh", "--dry-run", "--registry", "harbor.example.com/theater-msa",
                "--tag", "2.0.0");

        assertThat(out).contains("./mvnw -B -q compile jib:build "
                + "-pl gateway,services/user,services/movie,services/booking -am "
                + "-Dimage.registry=harbor.example.com/theater-msa -Dimage.tag=2.0.0");
    }

    @Test
    void buildImagesTagsWithTheProjectVersionByDefaultAndBuildsTarsOffline() throws IOException {
        String pushed = dryRun("build-images.sh", "--dry-run", "--registry", "r.example/p");
        String tars = dryRun("build-images.sh", "--dry-run", "--tar");

        assertThat(pushed).containsPattern("-Dimage\\.tag=\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(tars).contains("compile jib:buildTar -pl gateway").doesNotContain("jib:build ");
    }

    @Test
    void buildImagesWithoutARegistryIsAUsageError() {
        ScriptTestSupport.Run run = scripts.run("build-images.sh", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--registry", "--tar");
    }

    record Demo(String command, String fragment) {
        @Override
        public String toString() {
            return command;
        }
    }

    static Stream<Demo> scenarioCommands() {
        return Stream.of(
                new Demo("setup", "k8s/practice/02-circuit-breaker"),
                new Demo("delay", "k8s/practice/03-delay-fault"),
                new Demo("error", "k8s/practice/04-error-fault"),
                new Demo("block", "k8s/practice/05-block-fault"),
                new Demo("chaos", "k8s/practice/99-scenarios"),
                new Demo("circuit-breaker", "k8s/practice/06-circuit-breaker-real"),
                new Demo("circuit", "k8s/practice/06-circuit-breaker-real"),
                new Demo("failover", "k8s/practice/07-locality-failover"),
                new Demo("reset", "k8s/practice/01-initial"),
                new Demo("recover", "k8s/practice/01-initial"));
    }

    @ParameterizedTest
    @MethodSource("scenarioCommands")
    void everyScenarioGoesToBothContexts(Demo demo) throws IOException {
        String out = dryRun("fault-injection-demo.sh", "--dry-run", demo.command());

        assertThat(out).contains("kubectl kustomize " + demo.fragment() + " | kubectl --context ctx1 apply -f -",
                "kubectl kustomize " + demo.fragment() + " | kubectl --context ctx2 apply -f -");
    }

    @ParameterizedTest
    @MethodSource("scenarioCommands")
    void everyScenarioLocallyGoesThroughTheTheaterCommand(Demo demo) throws IOException {
        String out = dryRun("fault-injection-demo.sh", "--local", "--dry-run", demo.command());

        String expected = demo.fragment().endsWith("01-initial")
                ? "./theater scenario reset" : "./theater scenario apply " + demo.fragment();
        assertThat(out).contains(expected).doesNotContain("kubectl --context");
    }

    @Test
    void lessonNinesSecurityObjectsAreAnnouncedAsEnforcedInBothModes() throws IOException {
        for (String out : List.of(
                dryRun("fault-injection-demo.sh", "--dry-run", "apply", "k8s/practice/09-mtls-authz"),
                dryRun("fault-injection-demo.sh", "--local", "--dry-run", "apply", "k8s/practice/09-mtls-authz"))) {

            assertThat(out).contains("PeerAuthentication/AuthorizationPolicy applied too",
                                     "403 RBAC: access denied", "rbac_access_denied_matched_policy");
        }
        assertThat(dryRun("fault-injection-demo.sh", "--local", "--dry-run", "apply", "k8s/practice/09-mtls-authz"))
                .contains("./theater scenario apply k8s/practice/09-mtls-authz");
        assertThat(dryRun("fault-injection-demo.sh", "--local", "--dry-run", "delay"))
                .doesNotContain("PeerAuthentication");
    }

    @Test
    void statusTestAndPartitionPrintTheirCommands() throws IOException {
        assertThat(dryRun("fault-injection-demo.sh", "--dry-run", "status"))
                .contains("kubectl --context ctx1 -n theater-msa get virtualservices,destinationrules",
                        "kubectl --context ctx2 -n theater-msa get virtualservices,destinationrules");
        assertThat(dryRun("fault-injection-demo.sh", "--dry-run", "--url", "http://gw.example", "test"))
                .contains("curl", "http://gw.example/users/", "http://gw.example/movies/",
                        "http://gw.example/bookings/");
        assertThat(dryRun("fault-injection-demo.sh", "--dry-run", "partition"))
                .contains("kubectl --context ctx2 -n istio-system scale deployment istio-eastwestgateway --replicas=0");
        assertThat(dryRun("fault-injection-demo.sh", "--dry-run", "partition", "--undo"))
                .contains("kubectl --context ctx2 -n istio-system scale deployment istio-eastwestgateway --replicas=1");
    }

    @Test
    void contextsCanBeListedOrRepeated() throws IOException {
        String listed = dryRun("fault-injection-demo.sh", "--dry-run", "--context", "a,b", "delay");
        String repeated = dryRun("fault-injection-demo.sh", "--dry-run", "--context", "a", "--context", "b", "delay");

        for (String out : List.of(listed, repeated)) {
            assertThat(out).contains("kubectl --context a apply -f -", "kubectl --context b apply -f -")
                    .doesNotContain("--context ctx1");
        }
    }

    /** Runs a dry run, expects success, and checks that kubectl only rendered or read the kubeconfig. */
    private String dryRun(String script, String... args) throws IOException {
        ScriptTestSupport.Run run = scripts.run(script, args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(scripts.kubectlCalls()).allSatisfy(call ->
                assertThat(call).as("kubectl call in a dry run").matches("(kustomize|config) .*"));
        return run.output();
    }
}
