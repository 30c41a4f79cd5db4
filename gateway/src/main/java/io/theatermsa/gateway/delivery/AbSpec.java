package io.theatermsa.gateway.delivery;

import io.theatermsa.gateway.admin.VariantRoute;

/**
 * An A/B test: requests to {@code service} that {@code match} are variant B, served by {@code variantB}; all others
 * are variant A, served by {@code variantA}.
 *
 * @param service  the service
 * @param match    how a request shows it is variant B
 * @param variantB the cluster serving B
 * @param variantA the cluster serving A
 */
public record AbSpec(String service, VariantRoute.Match match, String variantB, String variantA) {
}
