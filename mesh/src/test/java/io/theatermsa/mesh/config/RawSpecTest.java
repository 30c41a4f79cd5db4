package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each loaded object keeps its {@code spec} exactly as written, for the gateway's {@code /api/mesh/config}. */
class RawSpecTest {

    private static final String YAML = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: user-vs, namespace: theater-msa}
            spec:
              http:
              - route: [{destination: {host: user-service}, weight: 100}]
                futureField: {kept: true}
              hosts: [user-service]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-dr, namespace: theater-msa}
            spec:
              host: user-service
              trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
            """;

    @Test
    void rawSpecIsTheSpecAsWrittenWithOrderAndUnknownFields() {
        LoadedConfig loaded = new MeshConfigLoader("theater-msa").load("test.yaml", YAML);

        JsonNode vs = loaded.virtualServices().getFirst().rawSpec();
        List<String> fields = new ArrayList<>();
        vs.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("http", "hosts");
        assertThat(vs.at("/http/0/futureField/kept").asBoolean()).isTrue();
        assertThat(vs.at("/http/0/route/0/weight").asInt()).isEqualTo(100);
        assertThat(loaded.destinationRules().getFirst().rawSpec().at("/trafficPolicy/loadBalancer/simple").asText())
                .isEqualTo("ROUND_ROBIN");
    }

    @Test
    void changingTheReturnedTreeChangesNothing() {
        VirtualService vs = new MeshConfigLoader("theater-msa").load("test.yaml", YAML).virtualServices().getFirst();

        ((ObjectNode) vs.rawSpec()).put("hosts", "tampered");

        assertThat(vs.rawSpec().get("hosts").isArray()).isTrue();
    }
}
