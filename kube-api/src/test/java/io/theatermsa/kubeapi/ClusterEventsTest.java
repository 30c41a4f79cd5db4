package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterEventsTest {

    private static final ObjectKey POD = new ObjectKey("", "pods", "theater-msa", "user-service-ctx2-abc12");

    private final ClusterStore store = ClusterStore.withNamespaces("default", "theater-msa");
    private final ClusterEvents events = new ClusterEvents(store, Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"),
                                                                              ZoneOffset.UTC));

    @Test
    void anEventNamesItsObjectAsDescribeSelectsIt() {
        events.record(POD, ClusterEvents.Type.WARNING, "OutlierEjected", "ejected", "istio-proxy");

        ObjectNode event = onlyEvent();
        assertThat(event.path("involvedObject").path("kind").asText()).isEqualTo("Pod");
        assertThat(event.path("involvedObject").path("apiVersion").asText()).isEqualTo("v1");
        assertThat(event.path("involvedObject").path("name").asText()).isEqualTo(POD.name());
        assertThat(event.path("type").asText()).isEqualTo("Warning");
        assertThat(event.path("source").path("component").asText()).isEqualTo("istio-proxy");
        assertThat(event.path("lastTimestamp").asText()).isEqualTo("2026-12-07T04:00:00Z");
    }

    @Test
    void theSameReasonAndMessageAgainCountsInsteadOfAddingAnEvent() {
        events.record(POD, ClusterEvents.Type.WARNING, "OutlierEjected", "ejected", "istio-proxy");
        events.record(POD, ClusterEvents.Type.WARNING, "OutlierEjected", "ejected", "istio-proxy");

        assertThat(onlyEvent().path("count").asInt()).isEqualTo(2);
    }

    @Test
    void occurrencesCountedElsewhereAddUpInOneEvent() {
        events.record(POD, ClusterEvents.Type.WARNING, "FaultInjected", "abort", "istio-proxy", 7);
        events.record(POD, ClusterEvents.Type.WARNING, "FaultInjected", "abort", "istio-proxy", 5);

        assertThat(onlyEvent().path("count").asInt()).isEqualTo(12);
    }

    @Test
    void aCountBelowOneIsRefusedAndRecordsNothing() {
        assertThatThrownBy(() -> events.record(POD, ClusterEvents.Type.WARNING, "FaultInjected", "abort",
                                               "istio-proxy", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("", "events", "theater-msa").items()).isEmpty();
    }

    @Test
    void onlyTheNewestEventsAreKept() {
        for (int i = 0; i <= ClusterEvents.KEPT; i++) {
            events.record(POD, ClusterEvents.Type.NORMAL, "FaultInjected", "abort " + i, "istio-proxy");
        }

        List<ObjectNode> kept = store.list("", "events", "theater-msa").items();
        assertThat(kept).hasSize(ClusterEvents.KEPT);
        assertThat(kept).extracting(e -> e.path("message").asText()).doesNotContain("abort 0").contains("abort 1");
    }

    private ObjectNode onlyEvent() {
        List<ObjectNode> all = store.list("", "events", "theater-msa").items();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }
}
