package io.theatermsa.mesh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkPartitionsTest {

    private final NetworkPartitions partitions = new NetworkPartitions();

    @Test
    void partitionCutsBothDirectionsAndHealRestoresThem() {
        partitions.partition("ctx1", "ctx2");

        assertThat(partitions.isCut("ctx1", "ctx2")).isTrue();
        assertThat(partitions.isCut("ctx2", "ctx1")).isTrue();
        assertThat(partitions.isCut("ctx1", "ctx1")).as("a cluster always reaches its own pods").isFalse();
        assertThat(partitions.cutLinks()).containsExactly(new NetworkPartitions.Link("ctx1", "ctx2"),
                                                          new NetworkPartitions.Link("ctx2", "ctx1"));

        partitions.heal("ctx2", "ctx1");

        assertThat(partitions.isCut("ctx1", "ctx2")).isFalse();
        assertThat(partitions.cutLinks()).isEmpty();
    }

    @Test
    void oneWayCutLeavesTheReverseDirection() {
        partitions.cutOneWay("ctx1", "ctx2");

        assertThat(partitions.isCut("ctx1", "ctx2")).isTrue();
        assertThat(partitions.isCut("ctx2", "ctx1")).isFalse();
        assertThat(partitions.cutLinks()).extracting(NetworkPartitions.Link::toString).containsExactly("ctx1 -> ctx2");

        partitions.heal();

        assertThat(partitions.cutLinks()).isEmpty();
    }

    @Test
    void aClusterCannotBeCutFromItself() {
        assertThatThrownBy(() -> partitions.partition("ctx1", "ctx1")).isInstanceOf(IllegalArgumentException.class);
    }
}
