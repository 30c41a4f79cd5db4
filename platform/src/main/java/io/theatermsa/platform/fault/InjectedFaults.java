package io.theatermsa.platform.fault;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts injected faults per kind: {@code theater_injected_faults_total{kind="error"}} and so on. */
public final class InjectedFaults {

    private final MeterRegistry registry;

    public InjectedFaults(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(FaultKind kind) {
        Counter.builder("theater_injected_faults")
               .description("faults injected into this workload by theater fault")
               .tag("kind", kind.label())
               .register(registry)
               .increment();
    }
}
