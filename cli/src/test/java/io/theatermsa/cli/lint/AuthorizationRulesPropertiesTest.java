package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.platform.topology.Topology;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Lint's AuthorizationPolicy rules over generated policies: strings of every shape where Kiali's checks read
 * namespaces, hosts, principals and methods, in well- and ill-formed rule lists. No input makes an exception escape,
 * and each of their findings names a field under {@code spec.rules}.
 */
class AuthorizationRulesPropertiesTest {

    private static final Inventory KNOWN = KnownTopology.inventory(Topology.bundled());
    private static final Set<Code> AUTHORIZATION_CODES = Set.of(Code.NAMESPACE_NOT_FOUND, Code.WRONG_METHOD,
            Code.AUTHORIZATION_HOST_NOT_FOUND, Code.AUTHORIZATION_NEEDS_MTLS, Code.PRINCIPAL_NOT_FOUND,
            Code.PRINCIPAL_ON_REMOTE_CLUSTER, Code.PRINCIPAL_FOREIGN_TRUST_DOMAIN);

    /** A YAML scalar: quoted odd text, or a flow value of another type. */
    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of("*", "**", "*a*", "", " ", "(", "[x", "user-service", "user-service.theater-msa",
                        "a.b", "a.b.c", "cluster.local/ns/theater-msa/sa/*", "*/sa/redis", "x/ns/", "/ns/y",
                        "GET", "get*", "*ET", "theater-msa", "kube*", "*system", "\\\\", "é", "\\u0000")
                        .map(s -> "\"" + s + "\""),
                Arbitraries.of("1", "true", "null", "{}", "[]", "{a: b}"));
    }

    private static Arbitrary<String> list() {
        return Arbitraries.oneOf(scalar().list().ofMaxSize(3).map(items -> "[" + String.join(", ", items) + "]"),
                                 scalar());
    }

    private static Arbitrary<String> clause() {
        return Combinators.combine(Arbitraries.of("from", "to", "when"),
                        Arbitraries.of("source", "operation", "key"),
                        Arbitraries.of("namespaces", "principals", "hosts", "methods", "notPrincipals", "values"),
                        list())
                .as((clause, block, field, values) -> clause + ": [{" + block + ": {" + field + ": " + values + "}}]");
    }

    @Provide
    Arbitrary<String> policies() {
        Arbitrary<String> rule = clause().list().ofMaxSize(3).map(c -> "{" + String.join(", ", c) + "}");
        Arbitrary<String> rules = Arbitraries.oneOf(rule.list().ofMaxSize(3).map(r -> "[" + String.join(", ", r) + "]"),
                                                    scalar());
        return rules.map(r -> "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
                              + "metadata: {name: p, namespace: theater-msa}\nspec:\n  rules: " + r + "\n");
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void generatedPoliciesNeverThrowAndEveryFindingNamesARuleField(@ForAll("policies") String yaml) {
        List<List<Diagnostic>> findings = new ArrayList<>();
        for (Inventory inventory : List.of(KNOWN, KNOWN.inCluster("ctx2"))) {
            assertThatCode(() -> findings.add(new Linter("theater-msa").lint("p.yaml", yaml, inventory)))
                    .as(yaml).doesNotThrowAnyException();
        }
        assertThat(findings).flatMap(f -> f).filteredOn(d -> AUTHORIZATION_CODES.contains(d.code()))
                .allSatisfy(d -> assertThat(d.fieldPath()).as(d.format()).startsWith("spec.rules["));
    }
}
