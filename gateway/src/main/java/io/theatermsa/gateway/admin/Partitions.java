package io.theatermsa.gateway.admin;

import java.util.List;

/**
 * Network partitions between the clusters. Links are written {@code ctx1 -> ctx2}; connections across a cut link
 * fail as refused ones ({@code UF}) from the next attempt on. Only the emulated mesh offers this role: on
 * Kubernetes the east-west gateway is cut instead.
 */
public interface Partitions {

    /** The cross-cluster links cut now, ordered by source then destination cluster. */
    List<String> cutLinks();

    /** Cuts the link from {@code from} to {@code to}, and back too unless {@code oneWay}; returns the links cut now. */
    List<String> partition(String from, String to, boolean oneWay);

    /** Restores every cross-cluster link; returns the links cut now (none). */
    List<String> heal();
}
