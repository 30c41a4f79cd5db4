package io.theatermsa.mesh.config;

/**
 * What a finding with a given {@link Code} stops. Its {@link Severity} is the level printed, as {@code istioctl
 * analyze} prints one level per message; the gate is a separate property, because Istio itself separates them: its
 * admission webhook denies only what fails validation and admits a VirtualService that names an unknown subset,
 * which {@code istioctl analyze} then reports (IST0101) and which breaks every request of that route (503 NC).
 */
public enum Gate {
    /**
     * Istio's webhook or CRD schema would deny the object: the loader refuses the whole configuration
     * ({@code theater up}, a scenario apply, and later the local Kubernetes API's admission), and {@code theater
     * lint} fails. Only {@link Severity#ERROR} codes have it.
     */
    ADMISSION,
    /**
     * Applied, as Istio applies it, but traffic breaks or part of the configuration is silently dropped:
     * {@code theater lint} fails (exit 1) while the loader accepts it. Every analysis error has it, and the few
     * warnings lint must not let through (an undefined subset, a subset defined twice).
     */
    LINT,
    /** Reported only: lint passes and the configuration applies. */
    NONE
}
