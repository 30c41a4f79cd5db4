package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.config.Text;

import java.util.List;
import java.util.Map;

/**
 * The analysis of one step's traffic: the access-log records after {@code afterSequence} up to
 * {@code lastSequence}, per cluster, and the checks on the target side.
 *
 * @param afterSequence the window starts after this access-log sequence number (the step's weights in force)
 * @param lastSequence  the newest record read
 * @param sides         requests, error rate, latency percentiles and response flags per cluster
 * @param unattributed  the service's requests no cluster could be named for (a local reply without a subset)
 * @param checks        the target side's checks
 * @param passed        every check passed
 */
public record Analysis(long afterSequence, long lastSequence, Map<String, TrafficStats> sides, long unattributed,
                       List<Check> checks, boolean passed) {

    /** The analysis of {@code traffic} by {@code spec}. */
    static Analysis of(CanarySpec spec, long afterSequence, ServiceTraffic traffic) {
        ServiceTraffic.Sides served = traffic.sides(List.of(spec.baseline(), spec.target()));
        Map<String, TrafficStats> sides = served.stats();
        List<Check> checks = Check.of(spec, sides.get(spec.target()));
        return new Analysis(afterSequence, traffic.last(), sides, served.unattributed(), checks,
                            checks.stream().allMatch(Check::passed));
    }

    /** The failed checks' reasons, joined. */
    Text failures() {
        List<Check> failed = checks.stream().filter(c -> !c.passed()).toList();
        return new Text(String.join("; ", failed.stream().map(c -> c.reason().ko()).toList()),
                          String.join("; ", failed.stream().map(c -> c.reason().en()).toList()));
    }
}
