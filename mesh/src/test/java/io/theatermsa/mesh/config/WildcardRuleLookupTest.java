package io.theatermsa.mesh.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which DestinationRule Istio applies to a host ({@code MostSpecificHostMatch}, istio/istio
 * {@code pilot/pkg/model/config.go}): the rule for exactly that host, else the longest wildcard whose suffix (after
 * the {@code *}) ends the host's name. Hosts with a dot are used as written (istio-validation.md C.10), so
 * {@code *.theater-msa} covers no cluster service although Kiali reads it as the namespace.
 */
class WildcardRuleLookupTest {

    private static final String NAMESPACE = "theater-msa";
    private static final HostName USERS = new HostName("user-service", NAMESPACE);

    /** {@code hosts}: the rule hosts in force, each its own DestinationRule; {@code expected}: the one applied, or null. */
    record Case(String name, List<String> hosts, HostName target, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("the exact rule beats every wildcard", List.of("*", "*.local", "user-service"), USERS,
                        "user-service"),
                new Case("the exact rule written as an FQDN", List.of("*.local", "user-service.theater-msa.svc.cluster.local"),
                        USERS, "user-service.theater-msa.svc.cluster.local"),
                new Case("a namespace wildcard beats *.local", List.of("*.local", "*.theater-msa.svc.cluster.local"),
                        USERS, "*.theater-msa.svc.cluster.local"),
                new Case("* and the namespace wildcard are two rules: the namespace one applies",
                        List.of("*", "*.theater-msa.svc.cluster.local"), USERS, "*.theater-msa.svc.cluster.local"),
                new Case("* and the namespace wildcard are two rules: * alone covers an external host",
                        List.of("*", "*.theater-msa.svc.cluster.local"), HostName.of("api.example.com", NAMESPACE),
                        "*"),
                new Case("*.local beats *", List.of("*", "*.local"), USERS, "*.local"),
                new Case("* covers every host", List.of("*"), USERS, "*"),
                new Case("* covers an external host too", List.of("*"), HostName.of("api.example.com", NAMESPACE), "*"),
                new Case("*.theater-msa is used as written and covers nothing here", List.of("*.theater-msa"), USERS,
                        null),
                new Case("another namespace's wildcard does not cover it", List.of("*.shop.svc.cluster.local"), USERS,
                        null),
                new Case("an external wildcard covers its subdomains", List.of("*.example.com"),
                        HostName.of("api.example.com", NAMESPACE), "*.example.com"),
                new Case("a rule for another host does not apply", List.of("movie-service"), USERS, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesTheRuleIstioPicks(Case c) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < c.hosts().size(); i++) {
            yaml.append("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r").append(i)
                    .append("}\nspec:\n  host: '").append(c.hosts().get(i)).append("'\n---\n");
        }
        LoadedConfig config = new MeshConfigLoader(NAMESPACE).load("rules.yaml", yaml.toString());

        assertThat(config.errors()).isEmpty();
        assertThat(MergedDestinationRule.appliedTo(c.target(), config.mergedDestinationRules())
                .map(rule -> rule.sources().getFirst().host()))
                .isEqualTo(java.util.Optional.ofNullable(c.expected()));
    }
}
