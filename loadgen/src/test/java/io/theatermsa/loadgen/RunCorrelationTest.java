package io.theatermsa.loadgen;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Which access-log records are a run's, counted per flag and per cluster, against an in-memory log. */
class RunCorrelationTest {

    private static final String GATEWAY = "api-gateway";

    private final MemoryLog log = new MemoryLog();

    @Test
    void onlyTheRunsOwnRecordsOfTheGatewaySidecarAfterItStartedCount() {
        log.add("load1-0", GATEWAY, false, "-", "ctx1");
        RunCorrelation correlation = RunCorrelation.before(log, "load1", GATEWAY);
        log.add("load1-1", GATEWAY, false, "-", "ctx1");
        log.add("load1-2", GATEWAY, false, "UH", "");
        log.add("load1-3", GATEWAY, false, "-", "ctx2");
        log.add("load1-4", GATEWAY, true, "-", "ctx2");             // a mirror copy
        log.add("load1-5", "booking-service", false, "-", "ctx2");  // booking's sidecar, downstream
        log.add("load12-1", GATEWAY, false, "-", "ctx2");           // another run whose id starts the same
        log.add("req-9", GATEWAY, false, "-", "ctx2");

        RunRecords records = correlation.records().orElseThrow();

        assertThat(records.count()).isEqualTo(3);
        assertThat(records.byFlag()).isEqualTo(Map.of("-", 2L, "UH", 1L));
        assertThat(records.byCluster()).isEqualTo(Map.of("ctx1", 1L, "ctx2", 1L, LoadReport.NO_CLUSTER, 1L));
    }

    @Test
    void recordsBeyondOnePageAreAllRead() {
        RunCorrelation correlation = RunCorrelation.before(log, "load1", GATEWAY);
        for (int n = 0; n < RunCorrelation.PAGE * 2 + 5; n++) {
            log.add("load1-" + n, GATEWAY, false, "-", "ctx1");
        }

        assertThat(correlation.records().orElseThrow().count()).isEqualTo(RunCorrelation.PAGE * 2 + 5);
    }

    @Test
    void aLogThatCannotBeReadLeavesTheRecordsUnknown() {
        log.readable = false;

        assertThat(RunCorrelation.before(log, "load1", GATEWAY).records()).isEmpty();
    }

    @Test
    void waitingEndsAtOnceWhenTheExpectedRecordsAreThere() {
        RunCorrelation correlation = RunCorrelation.before(log, "load1", GATEWAY, () -> 0);
        log.add("load1-1", GATEWAY, false, "-", "ctx1");

        assertThat(correlation.awaitRecords(1, Duration.ofHours(1)).orElseThrow().count()).isEqualTo(1);
    }

    @Test
    void waitingForRecordsThatNeverComeEndsAtTheDeadlineWithThoseThatDid() {
        AtomicLong nanos = new AtomicLong();
        RunCorrelation correlation = RunCorrelation.before(log, "load1", GATEWAY,
                () -> nanos.getAndAdd(Duration.ofSeconds(3).toNanos()));
        log.add("load1-1", GATEWAY, false, "-", "ctx1");

        assertThat(correlation.awaitRecords(2, Duration.ofSeconds(2)).orElseThrow().count()).isEqualTo(1);
    }

    private static final class MemoryLog implements RequestLog {
        private final List<LoggedRequest> records = new ArrayList<>();
        private boolean readable = true;

        void add(String requestId, String source, boolean mirror, String flags, String cluster) {
            records.add(new LoggedRequest(records.size() + 1, requestId, source, mirror, flags, cluster));
        }

        @Override
        public OptionalLong lastSequence() {
            return readable ? OptionalLong.of(records.size()) : OptionalLong.empty();
        }

        @Override
        public Optional<List<LoggedRequest>> after(long after, int limit) {
            if (!readable) {
                return Optional.empty();
            }
            int from = (int) Math.min(after, records.size());
            return Optional.of(List.copyOf(records.subList(from, Math.min(records.size(), from + limit))));
        }
    }
}
