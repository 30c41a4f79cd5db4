package io.theatermsa.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each expectation against outputs a command could print; no stack needed. */
class ExpectationTest {

    private static final Expectation.MeshClusters NO_MESH = () -> {
        throw new AssertionError("not asked");
    };

    private static Expectation.Outcome out(String output) {
        return new Expectation.Outcome(0, output);
    }

    @Test
    void exitCodeAndLines() {
        assertThat(new Expectation.ExitCode(3).mismatch(new Expectation.Outcome(1, ""), NO_MESH))
                .hasValue("exit code 3 expected, got 1");
        assertThat(new Expectation.OutputLine(Pattern.compile("^OK")).mismatch(out("x\nOK done"), NO_MESH)).isEmpty();
        assertThat(new Expectation.OutputLine(Pattern.compile("^OK")).mismatch(out("x OK"), NO_MESH)).isPresent();
        assertThat(new Expectation.NoOutputLine(Pattern.compile("503")).mismatch(out("a\nCode 503 : 2"), NO_MESH))
                .hasValue("no line matching /503/ expected, got: Code 503 : 2");
    }

    @Test
    void theLastStatusCountsFromStatusLinesOrBareCodes() {
        Expectation status = new Expectation.HttpStatus(503);

        assertThat(status.mismatch(out("HTTP/1.1 200 OK\nx: y\nHTTP/1.1 503 Service Unavailable"), NO_MESH)).isEmpty();
        assertThat(status.mismatch(out("200\n503\n"), NO_MESH)).isEmpty();
        assertThat(status.mismatch(out("HTTP/1.1 200 OK"), NO_MESH)).hasValue("HTTP status 503 expected, got 200");
        assertThat(status.mismatch(out("took 503 ms"), NO_MESH)).hasValue("HTTP status 503 expected, no status in the output");
    }

    @Test
    void aSplitIsJudgedWithinBinomialBoundsFromHeadersOrUniqCounts() {
        Expectation seventy = new Expectation.ClusterSplit("ctx1", 70);

        assertThat(seventy.mismatch(out("     64 X-Service-Cluster: ctx1\n     36 x-service-cluster: ctx2"), NO_MESH)).isEmpty();
        assertThat(seventy.mismatch(out("x-service-cluster: ctx1\n".repeat(30) + "x-service-cluster: ctx2\n".repeat(20)),
                NO_MESH)).isEmpty();
        assertThat(seventy.mismatch(out("  30 x-service-cluster: ctx1\n  70 x-service-cluster: ctx2"), NO_MESH))
                .hasValueSatisfying(m -> assertThat(m).contains("ctx1 at 70%", "got 30 of 100"));
        assertThat(seventy.mismatch(out("  7 x-service-cluster: ctx1\n  3 x-service-cluster: ctx2"), NO_MESH))
                .hasValueSatisfying(m -> assertThat(m).contains("at least 20", "got 10"));
        Expectation all = new Expectation.ClusterSplit("ctx1", 100);
        assertThat(all.mismatch(out("  50 x-service-cluster: ctx1"), NO_MESH)).isEmpty();
        assertThat(all.mismatch(out("  49 x-service-cluster: ctx1\n  1 x-service-cluster: ctx2"), NO_MESH)).isPresent();
    }

    @Test
    void anEjectionIsAHostOfThatServiceInThatClusterMarkedEjected() throws Exception {
        JsonNode clusters = new ObjectMapper().readTree("""
                {"sidecars":[{"workload":{"service":"api-gateway","cluster":"ctx1"},"cluster_statuses":[
                  {"name":"outbound|8081||user-service.theater-msa.svc.cluster.local","host_statuses":[
                    {"locality":{"region":"ctx1"}},
                    {"locality":{"region":"ctx2"},"ejection":{"ejected":true,"time_left_ms":25000}}]}]}]}
                """);

        assertThat(Expectation.ejectedEndpoints(clusters)).containsExactly("user-service@ctx2");
        assertThat(new Expectation.Ejection("user-service", "ctx2", Duration.ofSeconds(1)).mismatch(out(""), () -> clusters))
                .isEmpty();
        assertThat(new Expectation.Ejection("user-service", "ctx1", Duration.ofSeconds(1)).mismatch(out(""), () -> clusters))
                .hasValueSatisfying(m -> assertThat(m).contains("user-service@ctx1 ejected"));
        assertThat(new Expectation.NoEjection(Duration.ofSeconds(1)).mismatch(out(""), () -> clusters))
                .hasValueSatisfying(m -> assertThat(m).contains("[user-service@ctx2]"));
    }
}
