package io.theatermsa.mesh.sidecar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static io.theatermsa.mesh.sidecar.SidecarFixture.SUBSETS_BY_CLUSTER;
import static io.theatermsa.mesh.sidecar.SidecarFixture.userRoutes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §1.10 mirror / mirrors: a fire-and-forget copy to the mirror destination with {@code -shadow} in
 * its authority; the caller never waits for it and never sees its response; the copy is logged as a mirror.
 */
class MirrorTest {

    static final UserPods PODS = new UserPods("user-service-ctx1-0", "user-service-ctx2-0");


    private static SidecarFixture sidecar(String mirror, ScriptedPod... pods) {
        SidecarFixture f = new SidecarFixture(new Random(1));
        f.register(pods);
        f.apply(SUBSETS_BY_CLUSTER + userRoutes("""
                - %s
                  route: [{destination: {host: user-service, subset: ctx1}}]
                """.formatted(mirror)));
        return f;
    }

    @Test
    @DisplayName("§1.10 the caller gets its answer before the mirror copy is even sent; the copy is logged as a mirror")
    void callerNeverWaitsForTheMirror() {
        try (SidecarFixture f = sidecar("mirror: {host: user-service, subset: ctx2}",
                                        PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"))) {
            int mirroredBefore = PODS.get("user-service-ctx2-0").requests();

            OutboundResponse r = f.get("/users/1");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("user-service-ctx1-0");
            assertThat(PODS.get("user-service-ctx2-0").requests()).isEqualTo(mirroredBefore);
            assertThat(f.mirrors.runAll()).isEqualTo(1);
            assertThat(PODS.get("user-service-ctx2-0").requests()).isEqualTo(mirroredBefore + 1);
            AccessLogEntry primary = f.entries().get(0);
            AccessLogEntry copy = f.entries().get(1);
            assertThat(primary.mirror()).isFalse();
            assertThat(copy.mirror()).isTrue();
            assertThat(copy.authority()).isEqualTo("user-service-shadow:8081");
            assertThat(copy.subset()).isEqualTo("ctx2");
            assertThat(copy.upstreamPod()).isEqualTo("user-service-ctx2-0");
            assertThat(copy.requestId()).isEqualTo(primary.requestId());
            assertThat(copy.status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("§1.10 a failing mirror changes nothing for the caller: its 503 UF is only in the mirror's log entry")
    void mirroredResponsesAreIgnored() {
        ScriptedPod closed = ScriptedPod.refusing("user-service", "ctx2", "user-service-ctx2-gone");
        try (SidecarFixture f = sidecar("mirror: {host: user-service, subset: ctx2}", PODS.get("user-service-ctx1-0"), closed)) {
            OutboundResponse r = f.get("/users/1");
            f.mirrors.runAll();

            assertThat(r.status()).isEqualTo(200);
            AccessLogEntry copy = f.lastEntry();
            assertThat(copy.mirror()).isTrue();
            assertThat(copy.status()).isEqualTo(503);
            assertThat(copy.flagsText()).isEqualTo("UF");
            assertThat(copy.attemptCount()).as("a shadow is never retried").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} → {1} copies")
    @CsvSource(delimiter = '|', textBlock = """
            mirror: {host: user-service, subset: ctx2}                                          | 1
            {mirror: {host: user-service, subset: ctx2}, mirrorPercentage: {value: 100}}        | 1
            {mirror: {host: user-service, subset: ctx2}, mirrorPercentage: {value: 0}}          | 0
            mirrors: [{destination: {host: user-service, subset: ctx2}}, {destination: {host: user-service, subset: ctx1}, percentage: {value: 0}}] | 1
            mirrors: [{destination: {host: user-service, subset: ctx2}}, {destination: {host: user-service, subset: ctx1}}] | 2
            mirror: {host: user-service, subset: undefined}                                     | 0
            """)
    @DisplayName("§1.10 mirrorPercentage absent = 100%; each of mirrors draws on its own; a missing cluster sends none")
    void mirrorPercentages(String mirror, int copies) {
        String entry = mirror.startsWith("{") ? mirror.substring(1, mirror.length() - 1).replace(", mirrorPercentage",
                "\n  mirrorPercentage") : mirror;
        try (SidecarFixture f = sidecar(entry, PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"))) {
            assertThat(f.get("/users/1").status()).isEqualTo(200);

            assertThat(f.mirrors.runAll()).isEqualTo(copies);
            assertThat(f.entries()).filteredOn(AccessLogEntry::mirror).hasSize(copies);
        }
    }
}
