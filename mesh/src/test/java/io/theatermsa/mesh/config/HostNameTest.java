package io.theatermsa.mesh.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostNameTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "user-service, user-service.theater-msa.svc.cluster.local",
            "user-service.theater-msa, user-service.theater-msa.svc.cluster.local",
            "user-service.theater-msa.svc, user-service.theater-msa.svc.cluster.local",
            "user-service.theater-msa.svc.cluster.local, user-service.theater-msa.svc.cluster.local",
            "User-Service, user-service.theater-msa.svc.cluster.local",
            "redis.other, redis.other.svc.cluster.local",
            "api.example.com, api.example.com"})
    void shortAndQualifiedNamesOfOneServiceAreOneHost(String written, String fqdn) {
        assertThat(HostName.of(written, "theater-msa").fqdn()).isEqualTo(fqdn);
    }

    @ParameterizedTest
    @CsvSource({"user-service:8081", "user-service", "user-service.theater-msa.svc.cluster.local:8081"})
    void anAuthorityMayCarryAPort(String authority) {
        assertThat(HostName.ofAuthority(authority, "theater-msa")).isEqualTo(new HostName("user-service", "theater-msa"));
    }
}
