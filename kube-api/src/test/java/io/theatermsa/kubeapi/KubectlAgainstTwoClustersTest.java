package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.kubeapi.testing.Kubectl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The real kubectl against two API servers (ctx1, ctx2) started in-process on loopback, each with a fresh store. */
class KubectlAgainstTwoClustersTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectKey MOVIE_VS = new ObjectKey("networking.istio.io", "virtualservices", "theater-msa",
                                                            "movie-service-vs");
    private static final String MOVIE_VS_YAML = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: movie-service-vs
              namespace: theater-msa
            spec:
              hosts:
              - movie-service
              http:
              - name: split
                route:
                - destination:
                    host: movie-service
                    subset: ctx1
                  weight: 70
                - destination:
                    host: movie-service
                    subset: ctx2
                  weight: 30
            """;
    /** The same with a second rule behind the first, which has no match: Istio admits it and warns (IST0130). */
    private static final String UNREACHABLE_VS_YAML = MOVIE_VS_YAML + """
              - name: late
                route:
                - destination:
                    host: movie-service
                    subset: ctx2
            """;
    private static final String UNREACHABLE_RULE_WARNING =
            "Warning: virtualService rule \"late\" not used (only the last rule can have no matches)";

    @TempDir
    Path home;

    private ClusterStore ctx1Store;
    private ClusterStore ctx2Store;
    private KubeApiServer ctx1;
    private KubeApiServer ctx2;
    private BearerTokens tokens;
    private ServerCertificate certificate;
    private Kubectl kubectl;

    @BeforeEach
    void startTwoClusters() {
        certificate = ServerCertificate.generate(Clock.systemUTC(), new SecureRandom());
        tokens = BearerTokens.generate(new SecureRandom());
        ctx1Store = ClusterStore.withNamespaces("default", "theater-msa");
        ctx2Store = ClusterStore.withNamespaces("default", "theater-msa");
        ctx1 = KubeApiServer.start(ctx1Store, new MeshAdmission(), tokens, certificate, 0);
        ctx2 = KubeApiServer.start(ctx2Store, new MeshAdmission(), tokens, certificate, 0);
        kubectl = kubectlWithToken("kubeconfig", tokens.admin(), Map.of());
    }

    @AfterEach
    void stop() {
        ctx1.close();
        ctx2.close();
    }

    @Test
    void applyFileCreatesTheObjectAndGetPrintsIstiosColumns() throws IOException {
        Kubectl.Result applied = kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));

        assertThat(applied.out()).contains("virtualservice.networking.istio.io/movie-service-vs created");
        ObjectNode stored = ctx1Store.get(MOVIE_VS).orElseThrow();
        assertThat(stored.path("metadata").path("annotations")
                           .path("kubectl.kubernetes.io/last-applied-configuration").asText())
                .contains("\"weight\":70");
        assertThat(stored.path("metadata").path("generation").asInt()).isEqualTo(1);
        assertThat(stored.path("metadata").path("managedFields").get(0).path("manager").asText())
                .isEqualTo("kubectl-client-side-apply");

        Kubectl.Result listed = kubectl.run("get", "vs");
        assertThat(listed.out()).containsPattern("NAME\\s+GATEWAYS\\s+HOSTS\\s+AGE")
                .containsPattern("movie-service-vs\\s+\\[\"movie-service\"]\\s+\\d+s");
    }

    @Test
    void applyAgainIsUnchangedAndAChangedFileIsConfiguredWithANewGeneration() throws IOException {
        String file = file("vs.yaml", MOVIE_VS_YAML);
        kubectl.run("apply", "-f", file);

        assertThat(kubectl.run("apply", "-f", file).out()).contains("movie-service-vs unchanged");
        String changed = file("vs.yaml", MOVIE_VS_YAML.replace("weight: 70", "weight: 50")
                .replace("weight: 30", "weight: 50"));
        assertThat(kubectl.run("apply", "-f", changed).out()).contains("movie-service-vs configured");

        ObjectNode stored = ctx1Store.get(MOVIE_VS).orElseThrow();
        assertThat(weightOf(stored)).isEqualTo(50);
        assertThat(stored.path("metadata").path("generation").asInt()).isEqualTo(2);
    }

    @Test
    void applyKustomizeOfAPracticeThenGetYamlThenDeleteKustomize() {
        String practice = REPO.resolve("k8s/practice/03-delay-fault").toString();

        Kubectl.Result applied = kubectl.run("apply", "-k", practice);
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("destinationrule.networking.istio.io/movie-service-dr created",
                                           "virtualservice.networking.istio.io/movie-service-vs created");

        Kubectl.Result both = kubectl.run("get", "vs,dr");
        assertThat(both.out()).contains("virtualservice.networking.istio.io/movie-service-vs",
                                        "destinationrule.networking.istio.io/movie-service-dr")
                .containsPattern("HOST\\s+AGE");
        Kubectl.Result yaml = kubectl.run("get", "vs", "movie-service-vs", "-o", "yaml");
        assertThat(yaml.out()).contains("apiVersion: networking.istio.io/v1", "fixedDelay: 3s",
                                        "resourceVersion: \"", "uid: ");

        Kubectl.Result deleted = kubectl.run("delete", "-k", practice);
        assertThat(deleted.out()).contains("virtualservice.networking.istio.io \"movie-service-vs\" deleted",
                                           "destinationrule.networking.istio.io \"movie-service-dr\" deleted");
        assertThat(ctx1Store.list("networking.istio.io", "virtualservices", null).items()).isEmpty();
        assertThat(ctx1Store.list("networking.istio.io", "destinationrules", null).items()).isEmpty();
    }

    @Test
    void getWatchPrintsARowForEachChange() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));
        Process watch = kubectl.start("get", "vs", "-w");
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Kubectl.output(home, watch).contains("movie-service-vs"));
            kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML.replace("- movie-service\n  http",
                                                                             "- movie-service\n  - movie\n  http")));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Kubectl.output(home, watch).contains("[\"movie-service\",\"movie\"]"));
        } finally {
            watch.destroy();
        }
    }

    @Test
    void diffShowsTheChangeAndStoresNothing() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));
        long before = ctx1Store.resourceVersion();

        Kubectl.Result diff = kubectl.run("diff", "-f", file("vs.yaml", MOVIE_VS_YAML.replace("weight: 70",
                                                                                               "weight: 60")));

        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("-      weight: 70", "+      weight: 60");
        assertThat(ctx1Store.resourceVersion()).isEqualTo(before);
    }

    @Test
    void editSendsWhatTheEditorWrote() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));
        Path editor = home.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/weight: 70/weight: 65/; s/weight: 30/weight: 35/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Kubectl editing = kubectlWithToken("kubeconfig", tokens.admin(), Map.of("KUBE_EDITOR", editor.toString()));

        Kubectl.Result edited = editing.run("edit", "vs", "movie-service-vs");

        assertThat(edited.out()).as(edited.err())
                .contains("virtualservice.networking.istio.io/movie-service-vs edited");
        assertThat(weightOf(ctx1Store.get(MOVIE_VS).orElseThrow())).isEqualTo(65);
    }

    @Test
    void explainAnswersFromTheServedOpenApi() {
        Kubectl.Result explained = kubectl.run("explain", "virtualservice.spec.http.fault");

        assertThat(explained.exitCode()).as(explained.err()).isZero();
        assertThat(explained.out()).contains("GROUP:      networking.istio.io", "KIND:       VirtualService",
                                             "delay", "abort");
    }

    @Test
    void theContextFlagChangesThatClusterOnly() throws IOException {
        Kubectl.Result applied = kubectl.run("--context", "ctx2", "apply", "-f", file("vs.yaml", MOVIE_VS_YAML));

        assertThat(applied.out()).contains("created");
        assertThat(ctx2Store.get(MOVIE_VS)).isPresent();
        assertThat(ctx1Store.get(MOVIE_VS)).isEmpty();
        assertThat(kubectl.run("get", "vs").all()).contains("No resources found in theater-msa namespace.");
    }

    @Test
    void anInvalidVirtualServiceIsRefusedByTheWebhookAndNothingIsStored() throws IOException {
        long before = ctx1Store.resourceVersion();

        Kubectl.Result refused = kubectl.run("apply", "-f", file("bad.yaml", MOVIE_VS_YAML.replace("weight: 30",
                                                                                                  "weight: -1")));

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Error from server: error when creating",
                "admission webhook \"validation.istio.io\" denied the request: configuration is invalid: "
                        + "spec.http[0].route[1].weight");
        assertThat(ctx1Store.get(MOVIE_VS)).isEmpty();
        assertThat(ctx1Store.list("networking.istio.io", "virtualservices", null).items()).isEmpty();
        assertThat(ctx1Store.resourceVersion()).as("one write: the Warning event about the refusal")
                .isEqualTo(before + 1);
        assertThat(kubectl.run("get", "events", "--field-selector", "reason=AdmissionDenied").out())
                .contains("Warning", "AdmissionDenied", "virtualservice/movie-service-vs",
                          "admission webhook \"validation.istio.io\" denied the request");
    }

    @Test
    void aRefusedUpdateLeavesAWarningThatDescribeShowsAndTheObjectStaysAsItWas() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));
        String bad = file("bad.yaml", MOVIE_VS_YAML.replace("weight: 30", "weight: -1"));

        assertThat(kubectl.run("apply", "-f", bad).exitCode()).isEqualTo(1);
        assertThat(kubectl.run("apply", "-f", bad).exitCode()).isEqualTo(1);
        assertThat(kubectl.run("apply", "--dry-run=server", "-f", bad).exitCode()).isEqualTo(1);

        String described = kubectl.run("describe", "vs", "movie-service-vs").out();
        assertThat(described).containsPattern("Warning\\s+AdmissionDenied\\s+\\S+ \\(x2 over \\S+\\)\\s+"
                                                      + "validation.istio.io\\s+admission webhook");
        assertThat(described).contains("spec.http[0].route[1].weight");
        assertThat(weightOf(ctx1Store.get(MOVIE_VS).orElseThrow())).isEqualTo(70);
    }

    @Test
    void anUnreachableRuleIsStoredWithIstiosWarningAndAnUndefinedSubsetIsNoWarning() throws IOException {
        Kubectl.Result clean = kubectl.run("--context", "ctx2", "apply", "-f", file("clean.yaml", MOVIE_VS_YAML));
        Kubectl.Result created = kubectl.run("apply", "-f", file("vs.yaml", UNREACHABLE_VS_YAML));

        assertThat(clean.exitCode()).as(clean.all()).isZero();
        assertThat(clean.err()).as("subsets ctx1 and ctx2 have no DestinationRule: analysis (IST0101, KIA1107),"
                                   + " which kubectl never shows").doesNotContain("Warning");
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("virtualservice.networking.istio.io/movie-service-vs created");
        assertThat(created.err().lines()).containsExactly(UNREACHABLE_RULE_WARNING);
        assertThat(ctx1Store.get(MOVIE_VS)).isPresent();
    }

    @Test
    void everyWritingVerbCarriesTheWebhooksWarning() throws IOException {
        String clean = file("clean.yaml", MOVIE_VS_YAML);
        String unreachable = file("unreachable.yaml", UNREACHABLE_VS_YAML);
        kubectl.run("create", "--save-config", "-f", clean);

        Kubectl.Result dryRun = kubectl.run("apply", "--dry-run=server", "-f", unreachable);
        Kubectl.Result configured = kubectl.run("apply", "-f", unreachable);
        Kubectl.Result serverSide = kubectl.run("apply", "--server-side", "--force-conflicts", "-f",
                file("ssa.yaml", UNREACHABLE_VS_YAML.replace("weight: 30", "weight: 40")));
        Kubectl.Result replaced = kubectl.run("replace", "-f", file("put.yaml",
                UNREACHABLE_VS_YAML.replace("weight: 70", "weight: 60")));
        Kubectl.Result patched = kubectl.run("patch", "vs", "movie-service-vs", "--type", "merge", "-p",
                "{\"spec\":{\"http\":[{\"name\":\"split\",\"route\":[{\"destination\":{\"host\":\"movie-service\"}}]},"
                + "{\"name\":\"late\",\"route\":[{\"destination\":{\"host\":\"movie-service\"}}]}]}}");
        Kubectl.Result cleanedUp = kubectl.run("replace", "-f", clean);

        assertThat(dryRun.out()).contains("movie-service-vs configured (server dry run)");
        assertThat(configured.out()).contains("movie-service-vs configured");
        assertThat(serverSide.out()).contains("movie-service-vs serverside-applied");
        assertThat(replaced.out()).contains("movie-service-vs replaced");
        assertThat(patched.out()).contains("movie-service-vs patched");
        for (Kubectl.Result written : List.of(dryRun, configured, serverSide, replaced, patched)) {
            assertThat(written.exitCode()).as(written.all()).isZero();
            assertThat(written.err().lines()).as(written.all()).containsExactly(UNREACHABLE_RULE_WARNING);
        }
        assertThat(cleanedUp.exitCode()).as(cleanedUp.all()).isZero();
        assertThat(cleanedUp.err()).doesNotContain("Warning");
    }

    @Test
    void severalWarningsArePrintedEachOnItsLineInTheWebhooksOrderAndADenialCarriesNone() throws IOException {
        String repeatedMatch = MOVIE_VS_YAML.replace("  - name: split\n", "  - name: split\n    match:\n    - uri:\n"
                + "        prefix: /movies\n") + """
              - name: again
                match:
                - uri:
                    prefix: /movies
                route:
                - destination:
                    host: movie-service
            """;

        Kubectl.Result created = kubectl.run("apply", "-f", file("vs.yaml", repeatedMatch));
        Kubectl.Result denied = kubectl.run("--context", "ctx2", "apply", "-f", file("bad.yaml",
                UNREACHABLE_VS_YAML.replace("weight: 30", "weight: -1")));

        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.err().lines()).containsExactly(
                "Warning: virtualService rule \"again\" match #0 is not used (duplicate/overlapping match in rule"
                        + " \"split\")",
                "Warning: virtualService rule \"again\" not used (all matches used by prior rules)");
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err()).contains("admission webhook \"validation.istio.io\" denied the request")
                .doesNotContain("Warning:");
    }

    @Test
    void theWebhookDeniesASecurityPolicyIstioRejectsAndOneTheLocalMeshCannotEnforce() throws IOException {
        String policy = """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: ext, namespace: theater-msa}
                spec:
                  action: %s
                """;

        Kubectl.Result denyWithoutRules = kubectl.run("apply", "-f", file("deny.yaml", policy.formatted("DENY")));
        Kubectl.Result custom = kubectl.run("apply", "-f", file("custom.yaml",
                policy.formatted("CUSTOM\n  provider: {name: opa}\n  rules: [{}]")));

        assertThat(denyWithoutRules.exitCode()).isEqualTo(1);
        assertThat(denyWithoutRules.err()).contains("admission webhook \"validation.istio.io\" denied the request",
                                                    "spec.rules: DENY policy must have at least one rule");
        assertThat(custom.exitCode()).isEqualTo(1);
        assertThat(custom.err()).contains("spec.action: CUSTOM", "is not enforced by theater's local mesh");
        assertThat(kubectl.run("get", "ap", "-o", "name").out()).isEmpty();
    }

    @Test
    void lesson09sSecurityKindsAreStoredAndServedWithoutAWarning() {
        Kubectl.Result applied = kubectl.run("apply", "-k", REPO.resolve("k8s/practice/09-mtls-authz").toString());

        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(applied.out()).contains("peerauthentication.security.istio.io/default created",
                                           "authorizationpolicy.security.istio.io/user-service created");
        assertThat(applied.err()).as("enforced locally now: no 'stored but not enforced' warning")
                .doesNotContain("Warning");
        assertThat(kubectl.run("get", "pa").out()).containsPattern("NAME\\s+MODE\\s+AGE\\ndefault\\s+STRICT\\s+");
        assertThat(kubectl.run("get", "ap", "user-service").out())
                .containsPattern("NAME\\s+ACTION\\s+AGE\\nuser-service\\s+ALLOW\\s+");
        assertThat(kubectl.run("get", "authorizationpolicies.v1beta1.security.istio.io", "-o", "name").out())
                .contains("authorizationpolicy.security.istio.io/user-service");
        assertThat(kubectl.run("api-resources", "--api-group=security.istio.io").out())
                .containsPattern("authorizationpolicies\\s+ap\\s+security.istio.io/v1\\s+true\\s+AuthorizationPolicy")
                .containsPattern("peerauthentications\\s+pa\\s+security.istio.io/v1\\s+true\\s+PeerAuthentication");
        assertThat(kubectl.run("explain", "peerauthentication.spec.mtls.mode").out()).contains("STRICT");
        assertThat(kubectl.run("get", "vs", "-o", "name").err()).doesNotContain("Warning");
        assertThat(kubectl.run("delete", "-k", REPO.resolve("k8s/practice/09-mtls-authz").toString()).out())
                .contains("peerauthentication.security.istio.io \"default\" deleted");
    }

    @Test
    void aReplaceWithAStaleResourceVersionIsAConflict() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));
        String live = kubectl.run("get", "vs", "movie-service-vs", "-o", "yaml").out();
        kubectl.run("patch", "vs", "movie-service-vs", "--type=merge", "-p", "{\"spec\":{\"gateways\":[\"mesh\"]}}");

        Kubectl.Result replaced = kubectl.run("replace", "-f", file("stale.yaml", live.replace("weight: 70",
                                                                                              "weight: 10")));

        assertThat(replaced.exitCode()).isEqualTo(1);
        assertThat(replaced.err()).contains("Error from server (Conflict): error when replacing",
                "Operation cannot be fulfilled on virtualservices.networking.istio.io \"movie-service-vs\": "
                        + "the object has been modified; please apply your changes to the latest version and"
                        + " try again");
        assertThat(weightOf(ctx1Store.get(MOVIE_VS).orElseThrow())).isEqualTo(70);
    }

    @Test
    void patchesMergeAndJsonAndServerSideApply() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));

        assertThat(kubectl.run("patch", "vs", "movie-service-vs", "--type=merge", "-p",
                               "{\"spec\":{\"gateways\":[\"mesh\"]}}").out()).contains("patched");
        assertThat(kubectl.run("patch", "vs", "movie-service-vs", "--type=json", "-p",
                               "[{\"op\":\"replace\",\"path\":\"/spec/http/0/route/0/weight\",\"value\":80},"
                                       + "{\"op\":\"replace\",\"path\":\"/spec/http/0/route/1/weight\",\"value\":20}]")
                           .out()).contains("patched");
        ObjectNode patched = ctx1Store.get(MOVIE_VS).orElseThrow();
        assertThat(patched.path("spec").path("gateways").get(0).asText()).isEqualTo("mesh");
        assertThat(weightOf(patched)).isEqualTo(80);

        String drYaml = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata:
                  name: movie-service-dr
                  namespace: theater-msa
                spec:
                  host: movie-service
                """;
        Kubectl.Result serverSide = kubectl.run("apply", "--server-side", "-f", file("dr.yaml", drYaml));
        assertThat(serverSide.out()).as(serverSide.err())
                .contains("destinationrule.networking.istio.io/movie-service-dr serverside-applied");
    }

    @Test
    void serverSideApplyConflictsWithAnotherManagerUnlessForced() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));
        String changed = file("changed.yaml", MOVIE_VS_YAML.replace("weight: 70", "weight: 55")
                .replace("weight: 30", "weight: 45"));

        Kubectl.Result conflicting = kubectl.run("apply", "--server-side", "-f", changed);
        assertThat(conflicting.exitCode()).isEqualTo(1);
        assertThat(conflicting.err()).contains("Apply failed with 1 conflict: conflict with"
                + " \"kubectl-client-side-apply\" using networking.istio.io/v1: .spec.http");
        assertThat(weightOf(ctx1Store.get(MOVIE_VS).orElseThrow())).isEqualTo(70);

        Kubectl.Result forced = kubectl.run("apply", "--server-side", "--force-conflicts", "-f", changed);
        assertThat(forced.out()).contains("virtualservice.networking.istio.io/movie-service-vs serverside-applied");
        assertThat(weightOf(ctx1Store.get(MOVIE_VS).orElseThrow())).isEqualTo(55);
        assertThat(ownersOf(".spec.http")).as("forcing takes the field over").containsExactly("kubectl/Apply");
    }

    @Test
    void serverSideAppliersShareEqualValuesAndConflictByNameOverDifferentOnes() throws IOException {
        kubectl.run("apply", "--server-side", "-f", file("vs.yaml", MOVIE_VS_YAML));
        String sixty = file("sixty.yaml", MOVIE_VS_YAML.replace("weight: 70", "weight: 60")
                .replace("weight: 30", "weight: 40"));

        Kubectl.Result shared = kubectl.run("apply", "--server-side", "--field-manager=alice", "-f",
                                            file("same.yaml", MOVIE_VS_YAML));
        assertThat(shared.exitCode()).as(shared.all()).isZero();
        assertThat(ownersOf(".spec.http")).containsExactlyInAnyOrder("kubectl/Apply", "alice/Apply");

        Kubectl.Result conflicting = kubectl.run("apply", "--server-side", "--field-manager=bob", "-f", sixty);
        assertThat(conflicting.exitCode()).isEqualTo(1);
        assertThat(conflicting.err()).contains("Apply failed with 2 conflicts: conflicts with \"alice\":\n"
                + "- .spec.http\nconflicts with \"kubectl\":\n- .spec.http");
        assertThat(weightOf(ctx1Store.get(MOVIE_VS).orElseThrow())).isEqualTo(70);

        assertThat(kubectl.run("apply", "--server-side", "--field-manager=bob", "--force-conflicts", "-f", sixty)
                           .exitCode()).isZero();
        assertThat(ownersOf(".spec.http")).containsExactly("bob/Apply");
        Kubectl.Result back = kubectl.run("apply", "--server-side", "-f", file("vs.yaml", MOVIE_VS_YAML));
        assertThat(back.err()).contains("Apply failed with 1 conflict: conflict with \"bob\": .spec.http");

        kubectl.run("patch", "vs", "movie-service-vs", "--type=merge", "-p", "{\"spec\":{\"gateways\":[\"mesh\"]}}");
        Kubectl.Result overPatch = kubectl.run("apply", "--server-side", "--field-manager=bob", "-f",
                file("gateways.yaml", MOVIE_VS_YAML.replace("weight: 70", "weight: 60").replace("weight: 30",
                        "weight: 40").replace("  hosts:", "  gateways:\n  - other\n  hosts:")));
        assertThat(overPatch.err()).contains("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using"
                + " networking.istio.io/v1: .spec.gateways");
    }

    /** Who owns {@code path} of the movie VS, as {@code manager/operation}, from its managedFields. */
    private List<String> ownersOf(String path) {
        return ManagedFields.owners(ctx1Store.get(MOVIE_VS).orElseThrow()).entrySet().stream()
                .filter(e -> e.getValue().contains(path))
                .map(e -> e.getKey().manager() + "/" + e.getKey().operation()).toList();
    }

    @Test
    void theManifestsApiVersionSelectsTheUrlAndIsEchoed() throws IOException {
        Kubectl.Result applied = kubectl.run("apply", "-f", file("old.yaml", MOVIE_VS_YAML.replace(
                "networking.istio.io/v1", "networking.istio.io/v1alpha3")));
        assertThat(applied.out()).as(applied.err()).contains("movie-service-vs created");

        assertThat(kubectl.run("get", "virtualservices.v1alpha3.networking.istio.io", "movie-service-vs", "-o",
                               "yaml").out()).contains("apiVersion: networking.istio.io/v1alpha3");
        assertThat(kubectl.run("get", "vs", "movie-service-vs", "-o", "yaml").out())
                .contains("apiVersion: networking.istio.io/v1\n");
    }

    @Test
    void discoveryNamesIstiosKindsShortNamesAndCategories() throws IOException {
        kubectl.run("apply", "-k", REPO.resolve("k8s/practice/03-delay-fault").toString());

        assertThat(kubectl.run("api-resources").out())
                .containsPattern("destinationrules\\s+dr\\s+networking.istio.io/v1\\s+true\\s+DestinationRule")
                .containsPattern("virtualservices\\s+vs\\s+networking.istio.io/v1\\s+true\\s+VirtualService")
                .containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace");
        assertThat(kubectl.run("get", "istio-io").out()).contains("virtualservice.networking.istio.io/user-service-vs",
                "destinationrule.networking.istio.io/user-service-dr");
        Kubectl.Result version = kubectl.run("version");
        assertThat(version.out()).contains("Server Version: v1.32.5-theater");
        assertThat(version.err()).doesNotContain("WARNING");
    }

    @Test
    void aNamespaceAppliedFromAManifestIsActiveAndHoldsObjects() throws IOException {
        Kubectl.Result created = kubectl.run("apply", "-f", file("ns.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: practice
                """));
        assertThat(created.out()).as(created.err()).contains("namespace/practice created");
        assertThat(kubectl.run("get", "ns").out()).containsPattern("practice\\s+Active")
                .containsPattern("theater-msa\\s+Active").containsPattern("default\\s+Active");

        kubectl.run("apply", "-n", "practice", "-f", file("vs.yaml", MOVIE_VS_YAML.replace(
                "  namespace: theater-msa\n", "")));
        assertThat(ctx1Store.get(new ObjectKey("networking.istio.io", "virtualservices", "practice",
                                               "movie-service-vs"))).isPresent();
        assertThat(kubectl.run("get", "vs", "-n", "nowhere", "movie-service-vs").err())
                .contains("Error from server (NotFound): namespaces \"nowhere\" not found");
    }

    @Test
    void theKubeconfigNamesBothContextsAndStartsInCtx1() {
        assertThat(kubectl.run("config", "get-contexts").out())
                .containsPattern("\\*\\s+ctx1\\s+ctx1\\s+theater\\s+theater-msa")
                .containsPattern("\\s+ctx2\\s+ctx2\\s+theater\\s+theater-msa");
    }

    @Test
    void oneStoreManyViewsAListenerHearsKubectlAndKubectlSeesAnotherWriter() throws IOException {
        List<StoreChange> heard = new CopyOnWriteArrayList<>();
        ctx1Store.subscribe(heard::add);

        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));
        assertThat(heard).extracting(StoreChange::type, c -> c.key().name())
                .containsExactly(tuple(StoreChange.Type.ADDED, "movie-service-vs"));

        ctx1Store.update(MOVIE_VS, current -> {
            ((ObjectNode) current.path("spec").path("http").get(0).path("route").get(0)).put("weight", 90);
            ((ObjectNode) current.path("spec").path("http").get(0).path("route").get(1)).put("weight", 10);
            return current;
        }, FieldManager.update("theater-dashboard"), JsonMappers.MAPPER.createObjectNode(), false);

        String yaml = kubectl.run("get", "vs", "movie-service-vs", "-o", "yaml").out();
        assertThat(yaml).contains("weight: 90", "generation: 2",
                                  "resourceVersion: \"" + ctx1Store.resourceVersion() + "\"");
    }

    @Test
    void theReadOnlyTokenReadsButMayNotWrite() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));
        Kubectl student = kubectlWithToken("student", tokens.readOnly(), Map.of());

        assertThat(student.run("get", "vs").out()).contains("movie-service-vs");
        Kubectl.Result deleted = student.run("delete", "vs", "movie-service-vs");

        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.err()).contains("Error from server (Forbidden): virtualservices.networking.istio.io"
                + " \"movie-service-vs\" is forbidden: User \"theater-student\" cannot delete resource"
                + " \"virtualservices\" in API group \"networking.istio.io\" in the namespace \"theater-msa\"");
        assertThat(ctx1Store.get(MOVIE_VS)).isPresent();
    }

    @Test
    void aWrongTokenMustLogIn() {
        Kubectl stranger = kubectlWithToken("stranger", "not-a-token", Map.of());

        Kubectl.Result listed = stranger.run("get", "vs");

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.err()).contains("error: You must be logged in to the server (the server has asked for the"
                                                  + " client to provide credentials)");
    }

    @Test
    void anUnknownTypeIsNotServed() {
        Kubectl.Result listed = kubectl.run("get", "gateways.gateway.example.io");

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.err()).contains("the server doesn't have a resource type \"gateways\"");
    }

    @Test
    void deleteRemovesAndASecondDeleteIsNotFound() throws IOException {
        kubectl.run("apply", "-f", file("vs.yaml", MOVIE_VS_YAML));

        assertThat(kubectl.run("delete", "vs", "movie-service-vs").out())
                .contains("virtualservice.networking.istio.io \"movie-service-vs\" deleted");
        assertThat(kubectl.run("delete", "vs", "movie-service-vs").err()).contains(
                "Error from server (NotFound): virtualservices.networking.istio.io \"movie-service-vs\" not found");
        assertThat(ctx1Store.get(MOVIE_VS)).isEmpty();
    }

    private static int weightOf(ObjectNode vs) {
        return vs.path("spec").path("http").get(0).path("route").get(0).path("weight").asInt();
    }

    private Kubectl kubectlWithToken(String name, String token, Map<String, String> environment) {
        Path kubeconfig = home.resolve(name);
        Kubeconfig.write(kubeconfig, List.of(new Kubeconfig.Context("ctx1", ctx1.url()),
                                             new Kubeconfig.Context("ctx2", ctx2.url())),
                         certificate, token, "theater-msa");
        return new Kubectl(home, kubeconfig, environment);
    }

    private String file(String name, String content) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }
}
