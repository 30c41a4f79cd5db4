package io.theatermsa.mesh.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Istio's webhook warnings on rules and matches that are never used (istio-validation.md A.1.10), IST0130 and IST0131
 * in istioctl; the cases follow the situations of istio/istio's analyzer test data (duplicate, almost duplicate,
 * TCP, TLS, overlapping prefixes), written anew for this course's services.
 */
class UnreachableRulesTest {

    private static List<Diagnostic> reachability(String spec) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: movies, namespace: theater-msa}
                spec:
                """ + spec.indent(2);
        return new MeshConfigLoader("theater-msa").load("vs.yaml", yaml).diagnostics().stream()
                .filter(d -> d.code() == Code.UNREACHABLE_RULE || d.code() == Code.INEFFECTIVE_MATCH
                             || d.code() == Code.UNREACHABLE_ROUTE)
                .toList();
    }

    @Test
    void onlyTheLastRuleMayHaveNoMatches() {
        assertThat(reachability("""
                hosts: [movie-service]
                http:
                - route: [{destination: {host: movie-service}}]
                - name: second
                  route: [{destination: {host: movie-service}}]
                """)).extracting(Diagnostic::code, Diagnostic::fieldPath, Diagnostic::message).containsExactly(
                tuple(Code.UNREACHABLE_RULE, "spec.http[1]",
                      "virtualService rule \"second\" not used (only the last rule can have no matches) (IST0130)"));
    }

    private static final String BEHIND_MATCH_LESS =
            "virtualService rule #1 not used (route without matches defined before) (IST0130)";

    @Test
    void everyMatchBehindARuleWithoutMatchesIsReportedOnItsRule() {
        assertThat(reachability("""
                hosts: [movie-service]
                http:
                - route: [{destination: {host: movie-service}}]
                - match: [{headers: {x-a: {exact: "1"}}}, {headers: {x-b: {exact: "1"}}}]
                  route: [{destination: {host: movie-service}}]
                """)).extracting(Diagnostic::message).containsExactly(BEHIND_MATCH_LESS, BEHIND_MATCH_LESS);
    }

    @Test
    void aMatchEqualToAnEarlierOneButForItsNameIsNotUsed() {
        assertThat(reachability("""
                hosts: [movie-service]
                http:
                - name: first
                  match: [{name: a, uri: {prefix: /movies}, method: {exact: GET}}]
                  route: [{destination: {host: movie-service}}]
                - name: again
                  match: [{name: b, uri: {prefix: /movies}, method: {exact: GET}}]
                  route: [{destination: {host: movie-service}}]
                """)).extracting(Diagnostic::code, Diagnostic::message).containsExactly(
                tuple(Code.INEFFECTIVE_MATCH, "virtualService rule \"again\" match \"b\" is not used "
                        + "(duplicate/overlapping match in rule \"first\") (IST0131)"),
                tuple(Code.UNREACHABLE_RULE,
                      "virtualService rule \"again\" not used (all matches used by prior rules) (IST0130)"));
    }

    @Test
    void aRuleWithOneNewMatchStaysInUse() {
        assertThat(reachability("""
                hosts: [movie-service]
                http:
                - match: [{uri: {exact: /movies}}]
                  route: [{destination: {host: movie-service}}]
                - match: [{uri: {exact: /movies}}, {uri: {exact: /showtimes}}]
                  route: [{destination: {host: movie-service}}]
                """)).extracting(Diagnostic::code).containsExactly(Code.INEFFECTIVE_MATCH);
    }

    @Test
    void tcpAndTlsRulesFollowTheSameRulesWithIndexesForNames() {
        assertThat(reachability("""
                hosts: [redis]
                tcp:
                - match: [{port: 6379}]
                  route: [{destination: {host: redis}}]
                - match: [{port: 6379}]
                  route: [{destination: {host: redis}}]
                - route: [{destination: {host: redis}}]
                - route: [{destination: {host: redis}}]
                """)).extracting(Diagnostic::code, Diagnostic::fieldPath).containsExactly(
                tuple(Code.INEFFECTIVE_MATCH, "spec.tcp[1]"), tuple(Code.UNREACHABLE_RULE, "spec.tcp[1]"),
                tuple(Code.UNREACHABLE_RULE, "spec.tcp[3]"));
        assertThat(reachability("""
                hosts: [movies.example.com]
                tls:
                - match: [{sniHosts: [movies.example.com]}]
                  route: [{destination: {host: movie-service}}]
                - match: [{sniHosts: [movies.example.com]}]
                  route: [{destination: {host: movie-service}}]
                """)).extracting(Diagnostic::message).contains(
                "virtualService rule #1 match #0 is not used (duplicate/overlapping match in rule #0) (IST0131)");
    }

    @Test
    void aLongerPrefixBehindAShorterOneWithTheSameConditionsIsNotUsed() {
        assertThat(reachability("""
                hosts: [movie-service]
                http:
                - name: all-movies
                  match: [{uri: {prefix: /movies}, method: {exact: GET}}]
                  route: [{destination: {host: movie-service}}]
                - name: seats
                  match: [{uri: {prefix: /movies/1/seats}, method: {exact: GET}}, {uri: {prefix: /movies/1/x},
                          method: {exact: POST}}]
                  route: [{destination: {host: movie-service}}]
                """)).extracting(Diagnostic::code, Diagnostic::message).containsExactly(
                tuple(Code.INEFFECTIVE_MATCH, "virtualService rule \"seats\" match #0 of prefix /movies/1/seats is "
                        + "not used (duplicate/overlapping match in rule #0 of prefix /movies on \"all-movies\") "
                        + "(IST0131)"));
    }

    @Test
    void aMatchWithoutMethodCountsAsGetInTheOverlapCheck() {
        assertThat(reachability("""
                hosts: [movie-service]
                http:
                - match: [{uri: {prefix: /movies}}, {uri: {prefix: /movies/}, method: {exact: GET}}]
                  route: [{destination: {host: movie-service}}]
                """)).extracting(Diagnostic::code).containsExactly(Code.INEFFECTIVE_MATCH);
        assertThat(reachability("""
                hosts: [movie-service]
                http:
                - match: [{uri: {prefix: /movies}, headers: {x-a: {exact: "1"}}}, {uri: {prefix: /movies/}}]
                  route: [{destination: {host: movie-service}}]
                """)).as("a different number of headers is no overlap").isEmpty();
    }

    @Test
    void behindACatchAllMatchIstioSaysNothingButNothingIsGenerated() {
        List<Diagnostic> found = reachability("""
                hosts: [movie-service]
                http:
                - match: [{}]
                  route: [{destination: {host: movie-service}}]
                - match: [{headers: {x-a: {exact: "1"}}}]
                  route: [{destination: {host: movie-service}}]
                """);

        assertThat(found).extracting(Diagnostic::code).containsExactly(Code.UNREACHABLE_ROUTE);
        assertThat(Code.UNREACHABLE_ROUTE.upstream()).as("istioctl reports no IST0130 here").isEmpty();
    }
}
