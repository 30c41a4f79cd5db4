package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.cli.lint.Language;
import io.theatermsa.cli.local.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code theater lint} on fixtures: the exit code says whether anything would be refused, the lines say what. */
class LintCommandTest {

    @TempDir
    Path home;

    /** One fixture: its YAML, the exit code and the codes it must report. */
    record Case(String name, String yaml, int exitCode, List<String> codes, String summary) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A VirtualService for {@code host} whose one route goes to {@code destination}. */
    static String virtualService(String host, String destination) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s-vs, namespace: theater-msa}
                spec:
                  hosts: [%s]
                  http:
                  - route:
                    - destination: %s
                """.formatted(host, host, destination);
    }

    static final String CLEAN = virtualService("user-service", "{host: user-service}");

    static Stream<Case> cases() {
        return Stream.of(
                new Case("clean", CLEAN, 0, List.of(), "0 errors, 0 warnings"),
                new Case("host nobody serves", virtualService("ratings", "{host: ratings}"), 0,
                         List.of("THT-W002", "THT-L002"), "0 errors, 2 warnings"),
                new Case("undefined subset breaks traffic", virtualService("user-service",
                         "{host: user-service, subset: ctx1}"), 1, List.of("THT-W001"), "0 errors, 1 warnings"),
                new Case("negative weight", Scenarios.NEGATIVE_WEIGHT, 1, List.of("THT-E009"), "1 errors"),
                new Case("not yaml", Scenarios.NOT_YAML, 1, List.of("THT-E001"), "1 errors"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exitCodeAndFindingsFollowTheSeverities(Case c) throws IOException {
        Path file = Files.writeString(home.resolve("scenario.yaml"), c.yaml());

        CommandRun lint = lint("--lang", "ko", file.toString());

        assertThat(lint.exitCode()).as(lint.out()).isEqualTo(c.exitCode());
        assertThat(lint.out()).contains("검사 / linting: " + file).contains("요약 / summary: " + c.summary());
        c.codes().forEach(code -> assertThat(lint.out()).contains("[" + code + "]"));
    }

    @Test
    void aWarningThatBreaksTrafficStaysAWarningAndStillFailsLint() throws IOException {
        Path file = Files.writeString(home.resolve("scenario.yaml"),
                                      virtualService("user-service", "{host: user-service, subset: ctx1}"));

        CommandRun text = lint("--lang", "en", file.toString());
        JsonNode report = new ObjectMapper().readTree(lint("--json", file.toString()).out());

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("Warning [THT-W001] Subset not found: (VirtualService theater-msa/user-service-vs)")
                .contains("summary: 0 errors, 1 warnings, 0 info")
                .contains("failing: 1 warnings that break traffic");
        assertThat(report.at("/targets/0/findings/0/severity").asText()).isEqualTo("WARNING");
        assertThat(report.at("/summary/failing").asInt()).isEqualTo(1);
        assertThat(report.at("/exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void aDirectoryAndSeveralPathsAreLintedTogether() throws IOException {
        Path dir = Files.createDirectories(home.resolve("scenario"));
        Files.writeString(dir.resolve("a.yaml"), CLEAN);
        Path other = Files.writeString(home.resolve("b.yaml"), Scenarios.NEGATIVE_WEIGHT);

        CommandRun lint = lint(dir.toString(), other.toString());

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains("linting: " + dir).contains("linting: " + other).contains("no findings");
    }

    @Test
    void aMissingPathExits2AndLintsNothing() throws IOException {
        Path file = Files.writeString(home.resolve("ok.yaml"), CLEAN);

        CommandRun lint = lint(file.toString(), home.resolve("missing.yaml").toString());

        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.err()).contains("no such file or directory: " + home.resolve("missing.yaml"));
        assertThat(lint.out()).isEmpty();
    }

    @Test
    void aRelativePathIsTakenFromTheProjectFolder() throws IOException {
        Files.writeString(home.resolve("relative-fixture.yaml"), CLEAN);

        assertThat(lint("relative-fixture.yaml").exitCode()).isZero();
    }

    @Test
    void aMissingWorkloadsPathExits2() throws IOException {
        Path file = Files.writeString(home.resolve("ok.yaml"), CLEAN);

        CommandRun lint = lint("--workloads", home.resolve("rendered.yaml").toString(), file.toString());

        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.err()).contains("no such file or directory: " + home.resolve("rendered.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--lang=fr", "--no-such-option"})
    void aBadOptionExits2(String option) throws IOException {
        Path file = Files.writeString(home.resolve("ok.yaml"), CLEAN);

        CommandRun lint = lint(option, file.toString());

        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.out()).isEmpty();
    }

    @Test
    void koreanComesFirstWithTheEnglishBesideIt() {
        Path file = ABORT_ON_CIRCUIT_TEST;

        CommandRun lint = lint("--lang", "ko", file.toString());

        assertThat(lint.out())
                .contains("경고 [THT-L004] 주입된 abort 는 outlier detection 에 닿지 않음 "
                          + "(Injected abort never reaches outlier detection): (VirtualService theater-msa/user-service-vs) "
                          + "spec.http[0].fault.abort: x-circuit-test 라우트는")
                .contains(" / the x-circuit-test route is meant to test the circuit breaker")
                .contains("왜 / why: 주입된 abort 는 라우터 전에 응답되어 outlier detection 이 세지 않습니다")
                .contains("요약 / summary: 0 errors, 1 warnings, 0 info (오류 0, 경고 1, 정보 0)");
    }

    @Test
    void englishOnlyOnRequest() {
        Path file = ABORT_ON_CIRCUIT_TEST;

        CommandRun lint = lint("--lang", "en", file.toString());

        assertThat(lint.out())
                .contains("Warning [THT-L004] Injected abort never reaches outlier detection: "
                          + "(VirtualService theater-msa/user-service-vs) spec.http[0].fault.abort: the x-circuit-test route")
                .contains("why: injected aborts are answered before the router")
                .contains("summary: 0 errors, 1 warnings, 0 info")
                .doesNotContain("경고").doesNotContain("요약");
    }

    @Test
    void jsonCarriesBothLanguagesTheLocationAndTheExitCode() throws IOException {
        Path file = ABORT_ON_CIRCUIT_TEST;

        CommandRun lint = lint("--json", file.toString());

        JsonNode report = new ObjectMapper().readTree(lint.out());
        JsonNode finding = report.at("/targets/0/findings/0");
        assertThat(report.at("/targets/0/path").asText()).isEqualTo(file.toString());
        assertThat(finding.path("code").asText()).isEqualTo("THT-L004");
        assertThat(finding.path("severity").asText()).isEqualTo("WARNING");
        assertThat(finding.path("resource").asText()).isEqualTo("VirtualService theater-msa/user-service-vs");
        assertThat(finding.path("field").asText()).isEqualTo("spec.http[0].fault.abort");
        assertThat(finding.path("file").asText()).isEqualTo(file.toString());
        assertThat(finding.at("/title/en").asText()).isEqualTo("Injected abort never reaches outlier detection");
        assertThat(finding.at("/message/ko").asText()).startsWith("x-circuit-test 라우트는");
        assertThat(finding.at("/why/en").asText()).startsWith("injected aborts");
        assertThat(report.at("/summary/warnings").asInt()).isEqualTo(1);
        assertThat(report.at("/exitCode").asInt()).isZero();
        assertThat(report.at("/inventory/en").asText()).startsWith("known topology");
    }

    @Test
    void theInventoryLineSaysWhatTheInputHeldAndWhatCameFromTheKnownTopology() throws IOException {
        CommandRun lint = lint("--json", LintRulesTest.CORPUS.resolve("hosts-from-service-entry").toString());

        JsonNode report = new ObjectMapper().readTree(lint.out());
        assertThat(report.at("/inventory/en").asText()).startsWith(
                "0 Services, 0 workloads and 1 ServiceEntry hosts from the input, the rest from the known topology");
        assertThat(report.at("/targets/0/findings/0/field").asText())
                .isEqualTo("spec.http[0].route[0].destination.host");
        assertThat(report.at("/targets/0/findings/0/resource").asText())
                .isEqualTo("VirtualService theater-msa/billing-vs");
    }

    @Test
    void clustersGivenDifferentObjectsFailLintWithOneThtW012PerObject() throws IOException {
        Path ctx1 = Files.writeString(home.resolve("ctx1.yaml"), Scenarios.ALL_USERS_TO_CTX2);
        Path ctx2 = Files.writeString(home.resolve("ctx2.yaml"), CLEAN);

        CommandRun text = lint("--lang", "ko", "--cluster", "ctx1=" + ctx1, "--cluster", "ctx2=" + ctx2);
        JsonNode report = new ObjectMapper().readTree(
                lint("--json", "--cluster", "ctx1=" + ctx1, "--cluster", "ctx2=" + ctx2).out());

        assertThat(text.exitCode()).as(text.out()).isEqualTo(1);
        assertThat(text.out())
                .contains("검사 / linting: ctx1=" + ctx1).contains("검사 / linting: ctx2=" + ctx2)
                .contains("검사 / linting: ctx1 ↔ ctx2")
                .contains("경고 [THT-W012] 클러스터 간 설정 불일치 (Clusters differ): "
                          + "(DestinationRule theater-msa/user-service-dr)")
                .contains("ctx1 에만 있고 ctx2 에는 없습니다 / in ctx1 only, missing in ctx2")
                .contains("(VirtualService theater-msa/user-service-vs)")
                .contains("ctx1, ctx2 의 spec 이 서로 다릅니다 / the spec differs between ctx1 and ctx2")
                .contains("왜 / why: 멀티 프라이머리에서는");
        assertThat(report.at("/targets/2/path").asText()).isEqualTo("ctx1 ↔ ctx2");
        assertThat(report.at("/targets/2/findings")).extracting(f -> f.path("code").asText())
                .containsExactly("THT-W012", "THT-W012");
        assertThat(report.at("/exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void clustersGivenTheSameObjectsPass() throws IOException {
        Path ctx1 = Files.writeString(home.resolve("ctx1.yaml"), CLEAN);
        Path ctx2 = Files.writeString(home.resolve("ctx2.yaml"), CLEAN);

        CommandRun lint = lint("--lang", "en", "--cluster", "ctx1=" + ctx1, "--cluster", "ctx2=" + ctx2);

        assertThat(lint.exitCode()).as(lint.out()).isZero();
        assertThat(lint.out()).contains("linting: ctx1 ↔ ctx2\n  no findings");
    }

    @Test
    void eachClusterSeesThePodsOfTheOtherAsRemote() throws IOException {
        String policy = """
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: user-service, namespace: theater-msa}
                spec:
                  selector:
                    matchLabels: {app: user-service}
                  rules:
                  - from:
                    - source:
                        principals: [cluster.local/ns/theater-msa/sa/api-gateway]
                """;
        Path both = Files.writeString(home.resolve("policy.yaml"), policy);

        JsonNode report = new ObjectMapper().readTree(
                lint("--json", "--cluster", "ctx1=" + both, "--cluster", "ctx2=" + both).out());
        JsonNode plain = new ObjectMapper().readTree(lint("--json", both.toString()).out());

        assertThat(report.at("/targets/0/findings")).as("the api-gateway runs in ctx1").isEmpty();
        assertThat(report.at("/targets/1/findings")).extracting(f -> f.path("code").asText(),
                        f -> f.path("field").asText())
                .containsExactly(tuple("THT-L022",
                                 "spec.rules[0].from[0].source.principals[0]"));
        assertThat(report.at("/exitCode").asInt()).isZero();
        assertThat(plain.at("/targets/0/findings")).as("no cluster given: every pod is local").isEmpty();
    }

    @Test
    void oneClusterAloneOrNothingToLintExits2() throws IOException {
        Path ctx1 = Files.writeString(home.resolve("ctx1.yaml"), CLEAN);

        CommandRun alone = lint("--cluster", "ctx1=" + ctx1);
        CommandRun nothing = lint();

        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("give --cluster for two clusters or more");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("give a PATH to lint or --cluster CONTEXT=PATH");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"null, KOREAN", "C.UTF-8, KOREAN", "ko_KR.UTF-8, KOREAN",
                                             "en_US.UTF-8, ENGLISH"})
    void theLangVariableChoosesEnglishOnlyWhenItSaysEnglish(String lang, Language expected) {
        assertThat(Language.ofLangVariable(lang)).isEqualTo(expected);
    }

    /** The corpus fixture with one trap, an abort on the {@code x-circuit-test} route. */
    static final Path ABORT_ON_CIRCUIT_TEST = LintRulesTest.CORPUS.resolve("abort-on-circuit-test/mesh.yaml");

    private CommandRun lint(String... paths) {
        return CommandRun.of(home, Stream.concat(Stream.of("lint"), Stream.of(paths)).toArray(String[]::new));
    }
}
