package io.theatermsa.mesh.cluster;

import java.time.Duration;

/**
 * One entry of a sidecar's outlier detection event log (Envoy's {@code envoy.data.cluster.v3.OutlierDetectionEvent},
 * written through {@code Outlier::EventLogger}): a host of an Envoy cluster ejected, or back after its ejection time.
 * Only enforced ejections are logged.
 *
 * @param action       what happened to the host
 * @param envoyCluster the Envoy cluster, {@code outbound|8080||user-service.theater-msa.svc.cluster.local}
 * @param host         the host: a pod, or the other network's east-west gateway standing for its pods
 * @param type         which detection ejected it; on {@link Action#UNEJECT} the one whose ejection ended
 * @param threshold    how many consecutive errors that detection needs
 * @param ejections    how many times the host has been ejected in a row (the ejection-time multiplier)
 * @param ejectedFor   how long this ejection lasts ({@code baseEjectionTime} times the multiplier, capped)
 */
public record OutlierEvent(Action action, String envoyCluster, UpstreamHost host, Detection type, int threshold,
                           int ejections, Duration ejectedFor) {

    /** Envoy's {@code OutlierDetectionEvent.action}. */
    public enum Action { EJECT, UNEJECT }

    /** Envoy's {@code OutlierEjectionType}s that Istio can configure. */
    public enum Detection { CONSECUTIVE_5XX, CONSECUTIVE_GATEWAY_FAILURE, CONSECUTIVE_LOCAL_ORIGIN_FAILURE }
}
