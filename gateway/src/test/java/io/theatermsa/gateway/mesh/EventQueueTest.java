package io.theatermsa.gateway.mesh;

import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One client's queue: adding never waits; a lagging client loses the oldest events and is told how many. */
class EventQueueTest {

    private static final WorkloadIdentity GATEWAY = new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-0");

    @Test
    void aFullQueueDropsTheOldestAndReportsTheGapFirst() throws Exception {
        EventQueue queue = new EventQueue(3);
        for (long seq = 1; seq <= 5; seq++) {
            queue.accessed(record(seq));
        }

        assertThat(queue.next(Duration.ZERO)).contains(new MeshEvent.Gap(2));
        assertThat(sequence(queue)).isEqualTo(3);
        assertThat(sequence(queue)).isEqualTo(4);
        assertThat(sequence(queue)).isEqualTo(5);
        assertThat(queue.next(Duration.ZERO)).as("nothing left: time for a heartbeat").isEmpty();
    }

    @Test
    void recordsAlreadyReplayedAreSkipped() throws Exception {
        EventQueue queue = new EventQueue(10);
        queue.accessed(record(7));
        queue.skipThrough(7);
        queue.accessed(record(6));
        queue.accessed(record(8));

        assertThat(sequence(queue)).isEqualTo(8);
    }

    @Test
    void closingEndsTheStream() throws Exception {
        EventQueue queue = new EventQueue(10);
        queue.close();
        queue.accessed(record(1));

        assertThat(queue.next(Duration.ofSeconds(5))).contains(new MeshEvent.Closed());
    }

    private static long sequence(EventQueue queue) throws InterruptedException {
        return ((MeshEvent.Access) queue.next(Duration.ZERO).orElseThrow()).record().sequence();
    }

    private static AccessLog.Numbered record(long seq) {
        return new AccessLog.Numbered(seq, new AccessLogEntry(0, GATEWAY, "r", "GET", "/users/", "user-service:8081",
                "", "", "", "", "", "", "", 200, Set.of(), "via_upstream", 1, 1));
    }
}
