package io.theatermsa.loadgen;

import java.util.Map;

/**
 * A run's records in the proxy's access log.
 *
 * @param count     how many
 * @param byFlag    count per response flag ({@code -} for none)
 * @param byCluster count per upstream cluster ({@value LoadReport#NO_CLUSTER}: a local reply)
 */
public record RunRecords(long count, Map<String, Long> byFlag, Map<String, Long> byCluster) {

    /** The {@code byCluster} key of records no pod answered. */

    public RunRecords {
        byFlag = Map.copyOf(byFlag);
        byCluster = Map.copyOf(byCluster);
    }
}
