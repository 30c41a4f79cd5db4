package io.theatermsa.mesh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One row per finding: the YAML that provokes it, the code and where it points (field-notes §1). */
class ValidationTest {

    private static final String NAMESPACE = "theater-msa";
    record Case(String name, String yaml, Code code, String fieldPath) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String DR = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-dr}
            spec:
              host: user-service
              subsets:
              - {name: ctx1, labels: {cluster: ctx1}}
            ---
            """;

    private static String vsWithHttp(String http) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs}
                spec:
                  hosts: [user-service]
                  http:
                """ + http.indent(2);
    }

    static List<Case> cases() {
        return List.of(
                new Case("VirtualService without hosts is a delegate Istio admits (not emulated)", """
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: user-vs}
                        spec:
                          http:
                          - route: [{destination: {host: user-service}}]
                        """, Code.NOT_EMULATED, "spec.hosts"),
                new Case("client TLS with the application's own certificates is not emulated between pods", """
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: user-dr}
                        spec:
                          host: user-service
                          trafficPolicy: {tls: {mode: SIMPLE, sni: user-service}}
                        """, Code.NOT_EMULATED, "spec.trafficPolicy.tls.mode"),
                new Case("DestinationRule without host", """
                        apiVersion: networking.istio.io/v1
                        kind: DestinationRule
                        metadata: {name: user-dr}
                        spec: {subsets: [{name: ctx1, labels: {cluster: ctx1}}]}
                        """, Code.MISSING_HOST, "spec.host"),
                new Case("route with no destination", vsWithHttp("- route: []"),
                         Code.ROUTE_WITHOUT_DESTINATION, "spec.http[0].route"),
                new Case("destination without host", vsWithHttp("- route: [{destination: {subset: ctx1}}]"),
                         Code.DESTINATION_WITHOUT_HOST, "spec.http[0].route[0].destination.host"),
                new Case("negative weight", vsWithHttp("""
                        - route:
                          - {destination: {host: user-service}, weight: 110}
                          - {destination: {host: user-service}, weight: -10}
                        """), Code.NEGATIVE_WEIGHT, "spec.http[0].route[1].weight"),
                new Case("total weight 0 with two destinations (§1.8)", vsWithHttp("""
                        - route:
                          - {destination: {host: user-service}, weight: 0}
                          - {destination: {host: user-service}}
                        """), Code.ZERO_TOTAL_WEIGHT, "spec.http[0].route"),
                new Case("subset name not a DNS-1123 label", DR.replace("name: ctx1,", "name: Ctx_1,")
                                                             + vsWithHttp("- route: [{destination: {host: user-service}}]"),
                         Code.INVALID_SUBSET_NAME, "spec.subsets[0].name"),
                new Case("duplicate subset name in one rule", DR.replace(
                        "- {name: ctx1, labels: {cluster: ctx1}}",
                        "- {name: ctx1, labels: {cluster: ctx1}}\n  - {name: ctx1, labels: {cluster: ctx2}}"),
                         Code.DUPLICATE_SUBSET_NAME, "spec.subsets[1].name"),
                new Case("regex that RE2 rejects (look-ahead)", vsWithHttp("""
                        - match: [{uri: {regex: "/users(?=/)"}}]
                          route: [{destination: {host: user-service}}]
                        """), Code.INVALID_REGEX, "spec.http[0].match[0].uri.regex"),
                new Case("exact and prefix in one StringMatch", vsWithHttp("""
                        - match: [{uri: {exact: /a, prefix: /b}}]
                          route: [{destination: {host: user-service}}]
                        """), Code.AMBIGUOUS_STRING_MATCH, "spec.http[0].match[0].uri"),
                new Case("route and redirect together", vsWithHttp("""
                        - redirect: {uri: /v2}
                          route: [{destination: {host: user-service}}]
                        """), Code.CONFLICTING_ROUTE_ACTIONS, "spec.http[0]"),
                new Case("fault with neither delay nor abort (§2.1)", vsWithHttp("""
                        - fault: {}
                          route: [{destination: {host: user-service}}]
                        """), Code.INVALID_FAULT, "spec.http[0].fault"),
                new Case("abort status out of range (§2.1)", vsWithHttp("""
                        - fault: {abort: {httpStatus: 700, percentage: {value: 100}}}
                          route: [{destination: {host: user-service}}]
                        """), Code.INVALID_FAULT, "spec.http[0].fault.abort.httpStatus"),
                new Case("weight that is not an integer", vsWithHttp("""
                        - route: [{destination: {host: user-service}, weight: "70"}]
                        """), Code.WRONG_TYPE, "spec.http[0].route[0].weight"),
                new Case("bad duration", vsWithHttp("""
                        - timeout: 3 seconds
                          route: [{destination: {host: user-service}}]
                        """), Code.INVALID_DURATION, "spec.http[0].timeout"),
                new Case("unknown load balancer", DR.replace("host: user-service",
                                "host: user-service\n  trafficPolicy: {loadBalancer: {simple: FASTEST}}"),
                         Code.INVALID_VALUE, "spec.trafficPolicy.loadBalancer.simple"),
                new Case("subset no DestinationRule defines → 503 NC (IST0101/KIA1107)", DR + vsWithHttp("""
                        - route: [{destination: {host: user-service, subset: ctx3}}]
                        """), Code.SUBSET_NOT_FOUND, "spec.http[0].route[0].destination.subset"),
                new Case("route after a rule without matches (IST0130)", vsWithHttp("""
                        - route: [{destination: {host: user-service}}]
                        - name: never
                          match: [{headers: {x-canary: {exact: "true"}}}]
                          route: [{destination: {host: user-service}}]
                        """), Code.UNREACHABLE_RULE, "spec.http[1]"),
                new Case("route after a prefix-/ catch-all match", vsWithHttp("""
                        - match: [{uri: {prefix: /}}]
                          route: [{destination: {host: user-service}}]
                        - route: [{destination: {host: user-service}}]
                        """), Code.UNREACHABLE_ROUTE, "spec.http[1]"),
                new Case("upper-case header name", vsWithHttp("""
                        - match: [{headers: {X-Canary: {exact: "true"}}}]
                          route: [{destination: {host: user-service}}]
                        """), Code.UPPERCASE_HEADER_NAME, "spec.http[0].match[0].headers.X-Canary"),
                new Case("deprecated consecutiveErrors", DR.replace("host: user-service",
                                "host: user-service\n  trafficPolicy: {outlierDetection: {consecutiveErrors: 2}}"),
                         Code.DEPRECATED_FIELD, "spec.trafficPolicy.outlierDetection.consecutiveErrors"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheFindingAtItsField(Case c) {
        LoadedConfig result = new MeshConfigLoader(NAMESPACE).load(c.name() + ".yaml", c.yaml());

        assertThat(result.diagnostics())
                .filteredOn(d -> d.code() == c.code())
                .extracting(Diagnostic::fieldPath)
                .containsExactly(c.fieldPath());
        assertThat(result.hasErrors()).isEqualTo(c.code().severity() == Severity.ERROR);
    }

    @Test
    void destinationHostNobodyServesIsAWarningWhenARegistryIsGiven() {
        ServiceCatalog onlyUsers = host -> host.service().equals("user-service");
        String yaml = vsWithHttp("""
                - route:
                  - {destination: {host: user-service}, weight: 50}
                  - {destination: {host: users-v2}, weight: 50}
                """);

        List<Diagnostic> withRegistry = new MeshConfigLoader(NAMESPACE, onlyUsers).load("hosts.yaml", yaml)
                .diagnostics();
        List<Diagnostic> withoutRegistry = new MeshConfigLoader(NAMESPACE).load("hosts.yaml", yaml).diagnostics();

        assertThat(withRegistry).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.HOST_NOT_FOUND);
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.fieldPath()).isEqualTo("spec.http[0].route[1].destination.host");
            assertThat(d.message()).contains("KIA1101");
        });
        assertThat(withoutRegistry).isEmpty();
    }

    @Test
    void messagesNameTheMatchingIstioctlAndKialiCodes() {
        LoadedConfig result = new MeshConfigLoader(NAMESPACE).load("nc.yaml", vsWithHttp("""
                - route: [{destination: {host: user-service, subset: ctx3}}]
                """));

        assertThat(result.warnings()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("503 NC", "IST0101", "KIA1107"));
    }

    @Test
    void codeIdsAreUnique() {
        assertThat(Set.of(Code.values()).stream().map(Code::id).distinct()).hasSize(Code.values().length);
    }
}
