package io.theatermsa.docs;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * What the last command of a run block must produce. {@link #mismatch} says, in a sentence, what was expected and
 * what came instead, or nothing when the command did what the document says.
 */
sealed interface Expectation {


    /** What one command did: its exit code and its output (stdout and stderr merged). */
    record Outcome(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    /** What the running stack's {@code GET /api/mesh/clusters} answers now. */
    @FunctionalInterface
    interface MeshClusters {
        JsonNode now();
    }

    Optional<String> mismatch(Outcome outcome, MeshClusters mesh);

    /** {@code exit=N}. */
    record ExitCode(int expected) implements Expectation {
        @Override
        public Optional<String> mismatch(Outcome outcome, MeshClusters mesh) {
            return outcome.exitCode() == expected ? Optional.empty()
                    : Optional.of("exit code " + expected + " expected, got " + outcome.exitCode());
        }
    }

    /** {@code line="REGEX"}: some line of the output contains a match. */
    record OutputLine(Pattern pattern) implements Expectation {
        @Override
        public Optional<String> mismatch(Outcome outcome, MeshClusters mesh) {
            return outcome.lines().stream().anyMatch(l -> pattern.matcher(l).find()) ? Optional.empty()
                    : Optional.of("a line matching /" + pattern + "/ expected, none in the output");
        }
    }

    /** {@code no-line="REGEX"}: no line of the output contains a match. */
    record NoOutputLine(Pattern pattern) implements Expectation {
        @Override
        public Optional<String> mismatch(Outcome outcome, MeshClusters mesh) {
            return outcome.lines().stream().filter(l -> pattern.matcher(l).find()).findFirst()
                    .map(l -> "no line matching /" + pattern + "/ expected, got: " + l.strip());
        }
    }

    /**
     * {@code status=NNN}: the last HTTP status in the output, from a status line ({@code curl -i}, {@code -D -}) or
     * a line that is a bare status code ({@code curl -w '%{http_code}\n'}).
     */
    record HttpStatus(int expected) implements Expectation {
        private static final Pattern STATUS = Pattern.compile("^(?:HTTP/\\S+ )?([1-5]\\d\\d)(?:\\s.*)?$");

        @Override
        public Optional<String> mismatch(Outcome outcome, MeshClusters mesh) {
            Integer last = null;
            for (String line : outcome.lines()) {
                Matcher m = STATUS.matcher(line.strip());
                if (m.matches() && (line.startsWith("HTTP/") || line.strip().length() == 3)) {
                    last = Integer.valueOf(m.group(1));
                }
            }
            if (last == null) {
                return Optional.of("HTTP status " + expected + " expected, no status in the output");
            }
            return last == expected ? Optional.empty()
                    : Optional.of("HTTP status " + expected + " expected, got " + last);
        }
    }

    /**
     * {@code split="ctx1=70"}: the identity headers in the output ({@code x-service-cluster: ctx1}, one per line,
     * optionally counted by {@code uniq -c}) show ctx1 in that percentage of the ctx1 and ctx2 answers, within 4.5
     * standard deviations of a binomial draw (a true split fails about once in 150 000 runs) and with at least
     * {@value #MIN_SAMPLES} answers.
     */
    record ClusterSplit(String cluster, double percent) implements Expectation {
        static final int MIN_SAMPLES = 20;
        private static final Pattern HEADER =
                Pattern.compile("^\\s*(?:(\\d+)\\s+)?x-service-cluster:\\s*(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

        @Override
        public Optional<String> mismatch(Outcome outcome, MeshClusters mesh) {
            long hits = 0;
            long total = 0;
            for (String line : outcome.lines()) {
                Matcher m = HEADER.matcher(line);
                if (m.matches()) {
                    long count = m.group(1) == null ? 1 : Long.parseLong(m.group(1));
                    total += count;
                    if (m.group(2).equals(cluster)) {
                        hits += count;
                    }
                }
            }
            if (total < MIN_SAMPLES) {
                return Optional.of("a split of at least " + MIN_SAMPLES + " x-service-cluster answers expected, got "
                        + total);
            }
            double p = percent / 100;
            double actual = (double) hits / total;
            double tolerance = 4.5 * Math.sqrt(p * (1 - p) / total);
            return Math.abs(actual - p) <= tolerance + 1e-9 ? Optional.empty()
                    : Optional.of(String.format(Locale.ROOT, "%s at %.0f%% ± %.1f%% expected, got %d of %d (%.1f%%)",
                            cluster, percent, tolerance * 100, hits, total, actual * 100));
        }
    }

    /**
     * {@code ejected="user-service@ctx2"}: within {@code within}, some sidecar of the stack shows an endpoint of that
     * service in that cluster ejected by outlier detection ({@code /api/mesh/clusters}, Envoy's shape).
     */
    record Ejection(String service, String cluster, Duration within) implements Expectation {
        @Override
        public Optional<String> mismatch(Outcome outcome, MeshClusters mesh) {
            try {
                await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> ejected(mesh.now()));
                return Optional.empty();
            } catch (ConditionTimeoutException e) {
                return Optional.of(service + "@" + cluster + " ejected within " + within.toSeconds()
                        + " s expected, /api/mesh/clusters shows no such ejection");
            }
        }

        boolean ejected(JsonNode clusters) {
            return ejectedEndpoints(clusters).contains(service + "@" + cluster);
        }
    }

    /** Every sidecar's ejected endpoints as {@code service@cluster} (from Envoy's cluster names and localities). */
    static List<String> ejectedEndpoints(JsonNode clusters) {
        List<String> ejected = new ArrayList<>();
        for (JsonNode sidecar : clusters.path("sidecars")) {
            for (JsonNode status : sidecar.path("cluster_statuses")) {
                String[] name = status.path("name").asText().split("\\|");
                String service = name.length == 4 ? name[3].split("\\.")[0] : status.path("name").asText();
                for (JsonNode host : status.path("host_statuses")) {
                    if (host.path("ejection").path("ejected").asBoolean()) {
                        ejected.add(service + "@" + host.path("locality").path("region").asText());
                    }
                }
            }
        }
        return ejected;
    }

    /** Nothing ejected anywhere within {@code within} (how every document may expect the stack to start). */
    record NoEjection(Duration within) implements Expectation {
        @Override
        public Optional<String> mismatch(Outcome outcome, MeshClusters mesh) {
            try {
                await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> ejectedEndpoints(mesh.now()).isEmpty());
                return Optional.empty();
            } catch (ConditionTimeoutException e) {
                return Optional.of("no ejected endpoint within " + within.toSeconds() + " s expected, still ejected: "
                        + ejectedEndpoints(mesh.now()));
            }
        }
    }
}
