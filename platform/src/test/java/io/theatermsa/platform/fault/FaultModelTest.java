package io.theatermsa.platform.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.mesh.config.DurationText;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultModelTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final FaultTarget USERS = FaultTarget.service("user-service");

    static Fault fault(FaultEffect effect) {
        return new Fault("f1", USERS, effect, T0, Duration.ofMinutes(1));
    }

    @Test
    void everyKindSurvivesTheJsonRoundTrip() throws Exception {
        ObjectMapper mapper = Json.newMapper();
        List<FaultEffect> effects = List.of(
                new FaultEffect.Error(50, 503),
                new FaultEffect.Latency(new Delay.Fixed(Duration.ofMillis(800))),
                new FaultEffect.Latency(new Delay.Uniform(Duration.ofMillis(200), Duration.ofSeconds(1))),
                new FaultEffect.Latency(new Delay.Normal(Duration.ofMillis(500), Duration.ofMillis(100))),
                new FaultEffect.Latency(new Delay.Exponential(Duration.ofMillis(300))),
                new FaultEffect.Hang(), new FaultEffect.Down(),
                new FaultEffect.Gradual(new Ramp(0, 100), new Ramp(0, 2000), Duration.ofMinutes(1), 503),
                new FaultEffect.Gradual(null, new Ramp(0, 2000), Duration.ofMinutes(1), 503));
        for (FaultEffect effect : effects) {
            Fault fault = new Fault("f1", FaultTarget.cluster("user-service", "ctx2"), effect, T0,
                                    Duration.ofMinutes(1));
            assertThat(mapper.readValue(mapper.writeValueAsString(fault), Fault.class)).isEqualTo(fault);
        }
    }

    @Test
    void invalidFaultsAreRefusedWithClearMessages() {
        assertThatThrownBy(() -> new FaultEffect.Error(101, 503)).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> new FaultEffect.Error(50, 302)).hasMessageContaining("400..599");
        assertThatThrownBy(() -> new Delay.Uniform(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("must not be below min");
        assertThatThrownBy(() -> new FaultEffect.Gradual(null, null, Duration.ofMinutes(1), 503))
                .hasMessageContaining("needs an error rate ramp, a latency ramp or both");
        assertThatThrownBy(() -> new Fault("f", USERS, new FaultEffect.Down(), T0, Duration.ofHours(2)))
                .hasMessageContaining("at most 1h");
        assertThatThrownBy(() -> new Fault("f", USERS, new FaultEffect.Down(), T0, Duration.ZERO))
                .hasMessageContaining("more than 0");
        assertThatThrownBy(() -> new FaultTarget("user-service", "ctx1", "pod-1")).hasMessageContaining("not both");
        assertThatThrownBy(() -> DurationText.parseTyped("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void durationsReadAsPeopleTypeThem() {
        assertThat(DurationText.parseTyped("800ms")).isEqualTo(Duration.ofMillis(800));
        assertThat(DurationText.parseTyped("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parseTyped("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
    }

    @Test
    void targetsMatchServiceClusterOrPod() {
        WorkloadIdentity pod = new WorkloadIdentity("user-service", "ctx2", "user-ctx2-0");
        assertThat(USERS.matches(pod)).isTrue();
        assertThat(FaultTarget.cluster("user-service", "ctx2").matches(pod)).isTrue();
        assertThat(FaultTarget.cluster("user-service", "ctx1").matches(pod)).isFalse();
        assertThat(FaultTarget.pod("user-service", "user-ctx2-0").matches(pod)).isTrue();
        assertThat(FaultTarget.pod("user-service", "user-ctx2-1").matches(pod)).isFalse();
        assertThat(FaultTarget.service("movie-service").matches(pod)).isFalse();
    }

    @Test
    void aFaultEndsOnItsOwnAtItsExpiry() {
        FaultSnapshot snapshot = new FaultSnapshot(List.of(fault(new FaultEffect.Error(100, 503))));
        SplittableRandom random = new SplittableRandom(1);
        assertThat(snapshot.decide(T0.plusSeconds(59), random).abort()).isPresent();
        assertThat(snapshot.decide(T0.plusSeconds(60), random).isNone()).isTrue();
    }

    @Test
    void gradualGrowsLinearlyWithTime() {
        FaultSnapshot snapshot = new FaultSnapshot(List.of(
                fault(new FaultEffect.Gradual(null, new Ramp(0, 2000), Duration.ofSeconds(40), 503))));
        SplittableRandom random = new SplittableRandom(1);
        assertThat(snapshot.decide(T0, random).delay()).isEqualTo(Duration.ZERO);
        assertThat(snapshot.decide(T0.plusSeconds(10), random).delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(snapshot.decide(T0.plusSeconds(50), random).delay()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void distributionsDrawWithinTheirShape() {
        SplittableRandom random = new SplittableRandom(7);
        Delay uniform = new Delay.Uniform(Duration.ofMillis(200), Duration.ofSeconds(1));
        Delay normal = new Delay.Normal(Duration.ofMillis(500), Duration.ofMillis(100));
        Delay exponential = new Delay.Exponential(Duration.ofMillis(300));
        double normalSum = 0;
        double exponentialSum = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            assertThat(uniform.sample(random)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(1));
            normalSum += normal.sample(random).toMillis();
            Duration e = exponential.sample(random);
            assertThat(e.isNegative()).isFalse();
            exponentialSum += e.toMillis();
        }
        assertThat(normalSum / n).isBetween(490.0, 510.0);
        assertThat(exponentialSum / n).isBetween(280.0, 320.0);
    }
}
