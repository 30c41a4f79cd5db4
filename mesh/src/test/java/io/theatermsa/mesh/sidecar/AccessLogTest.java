package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogTest {

    private static AccessLogEntry entry(int status) {
        return new AccessLogEntry(0, new WorkloadIdentity("api-gateway", "ctx1", "gw"), "id", "GET", "/", "a:1", "",
                                  "", "", "", "", "", "", status, Set.of(), "", 0, 0);
    }

    @Test
    void entriesAreNumberedFromOneAndReadSinceASequence() {
        AccessLog log = new AccessLog(10);
        for (int i = 0; i < 3; i++) {
            log.append(entry(200 + i));
        }

        assertThat(log.lastSequence()).isEqualTo(3);
        assertThat(log.since(0)).extracting(AccessLog.Numbered::sequence).containsExactly(1L, 2L, 3L);
        assertThat(log.since(2)).extracting(n -> n.entry().status()).containsExactly(202);
        assertThat(log.since(3)).isEmpty();
    }

    @Test
    void theRingKeepsOnlyTheNewestEntries() {
        AccessLog log = new AccessLog(3);
        for (int i = 1; i <= 5; i++) {
            log.append(entry(i));
        }

        assertThat(log.since(0)).extracting(AccessLog.Numbered::sequence).containsExactly(3L, 4L, 5L);
        assertThat(log.since(4)).extracting(AccessLog.Numbered::sequence).containsExactly(5L);
    }

    @Test
    void subscribersSeeEveryLaterEntryUntilTheyUnsubscribe() {
        AccessLog log = new AccessLog(10);
        log.append(entry(1));
        List<Long> seen = new ArrayList<>();
        Subscription subscription = log.subscribe(n -> seen.add(n.sequence()));

        log.append(entry(2));
        subscription.close();
        log.append(entry(3));

        assertThat(seen).containsExactly(2L);
    }

    @Test
    void aFailingSubscriberIsDroppedAndDoesNotBreakAppending() {
        AccessLog log = new AccessLog(10);
        List<Long> healthy = new ArrayList<>();
        log.subscribe(n -> {
            throw new IllegalStateException("client went away");
        });
        log.subscribe(n -> healthy.add(n.sequence()));

        log.append(entry(1));
        log.append(entry(2));

        assertThat(healthy).containsExactly(1L, 2L);
    }

    @Test
    void flagsPrintInEnvoysCommaSeparatedForm() {
        AccessLogEntry e = new AccessLogEntry(0, new WorkloadIdentity("a", "ctx1", "p"), "", "GET", "/", "", "", "",
                "", "", "", "", "", 503, Set.of(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED,
                ResponseFlag.UPSTREAM_CONNECTION_FAILURE), "", 0, 3);

        assertThat(e.flagsText()).isEqualTo("UF,URX");
    }
}
