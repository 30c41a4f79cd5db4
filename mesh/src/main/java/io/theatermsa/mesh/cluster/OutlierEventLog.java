package io.theatermsa.mesh.cluster;

/**
 * Where a sidecar's outlier detectors report ejections and un-ejections (Envoy's {@code Outlier::EventLogger}).
 * Called on the request's or the interval timer's thread while the detector holds its lock: it must return at once.
 */
@FunctionalInterface
public interface OutlierEventLog {

    /** Logs nothing. */
    OutlierEventLog NONE = event -> { };

    void log(OutlierEvent event);
}
