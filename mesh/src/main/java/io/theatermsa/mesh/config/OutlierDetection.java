package io.theatermsa.mesh.config;

import java.time.Duration;

/**
 * {@code trafficPolicy.outlierDetection} as written. {@code null} fields are absent: Envoy's defaults apply then
 * (mesh-semantics §6.2), which differ from an explicit 0.
 *
 * @param consecutiveErrors deprecated and ignored by Istio (§6.1); kept only to warn about it
 */
public record OutlierDetection(Integer consecutiveErrors, Integer consecutive5xxErrors,
                               Integer consecutiveGatewayErrors, Integer consecutiveLocalOriginFailures,
                               Boolean splitExternalLocalOriginErrors, Duration interval, Duration baseEjectionTime,
                               Integer maxEjectionPercent, Integer minHealthPercent) {
}
