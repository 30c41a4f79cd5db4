package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §1.1–§1.6: what a single match block matches. */
class RouteMatchingTest {

    private static final String NAMESPACE = "theater-msa";
    private static final HostName USERS = new HostName("user-service", NAMESPACE);
    private static final Map<String, String> BOOKING_LABELS = Map.of("app", "booking-service", "cluster", "ctx1");

    /** A request as the table sees it; {@code path} may carry a query. */
    record Call(String method, String path, Map<String, String> headers, Map<String, String> sourceLabels) {
        static Call get(String path) {
            return new Call("GET", path, Map.of(), BOOKING_LABELS);
        }

        Call header(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Call(method, path, more, sourceLabels);
        }

        Call method(String m) {
            return new Call(m, path, headers, sourceLabels);
        }

        Call from(Map<String, String> labels) {
            return new Call(method, path, headers, labels);
        }

        RouteRequest toRequest() {
            HttpHeaders h = HttpHeaders.of(headers.entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                    (k, v) -> true);
            return new RouteRequest(method, path, "user-service:8081", 8081, h, sourceLabels, NAMESPACE);
        }
    }

    record Case(String section, String match, Call call, boolean matches) {
        @Override
        public String toString() {
            return section + ": " + match + " vs " + call.method() + " " + call.path() + " " + call.headers()
                   + (matches ? " matches" : " does not match");
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("§1.3 exact", "{uri: {exact: /users}}", Call.get("/users"), true),
                new Case("§1.3 exact", "{uri: {exact: /users}}", Call.get("/users/1"), false),
                new Case("§1.3 exact ignores the query", "{uri: {exact: /users}}", Call.get("/users?id=1"), true),
                new Case("§1.3 prefix has no segment logic", "{uri: {prefix: /user}}", Call.get("/users/1"), true),
                new Case("§1.3 prefix is case-sensitive", "{uri: {prefix: /users}}", Call.get("/USERS"), false),
                new Case("§1.2 regex is a full match", "{uri: {regex: '/b[io]t'}}", Call.get("/bit"), true),
                new Case("§1.2 regex is a full match", "{uri: {regex: '/b[io]t'}}", Call.get("/bite"), false),
                new Case("§1.2 (?i) makes a regex case-insensitive", "{uri: {regex: '(?i)/users'}}",
                         Call.get("/USERS"), true),
                new Case("§1.3 ignoreUriCase for exact", "{uri: {exact: /users}, ignoreUriCase: true}",
                         Call.get("/Users"), true),
                new Case("§1.3 ignoreUriCase for prefix", "{uri: {prefix: /users}, ignoreUriCase: true}",
                         Call.get("/USERS/1"), true),
                new Case("§1.3 ignoreUriCase is ignored for regex", "{uri: {regex: /users}, ignoreUriCase: true}",
                         Call.get("/USERS"), false),
                new Case("§1.4 header exact", "{headers: {x-canary: {exact: 'true'}}}",
                         Call.get("/").header("x-canary", "true"), true),
                new Case("§1.4 header values are case-sensitive", "{headers: {x-canary: {exact: 'true'}}}",
                         Call.get("/").header("x-canary", "TRUE"), false),
                new Case("§1.4 header names are not", "{headers: {x-canary: {exact: 'true'}}}",
                         Call.get("/").header("X-Canary", "true"), true),
                new Case("§1.4 missing header", "{headers: {x-canary: {exact: 'true'}}}", Call.get("/"), false),
                new Case("§1.4 header prefix", "{headers: {end-user: {prefix: ja}}}",
                         Call.get("/").header("end-user", "jason"), true),
                new Case("§1.2 header regex is a full match", "{headers: {end-user: {regex: 'ja'}}}",
                         Call.get("/").header("end-user", "jason"), false),
                new Case("§1.4 {} checks presence", "{headers: {x-debug: {}}}",
                         Call.get("/").header("x-debug", ""), true),
                new Case("§1.4 {} checks presence", "{headers: {x-debug: {}}}", Call.get("/"), false),
                new Case("§1.2 regex '*' means presence (admitted in withoutHeaders only)",
                         "{withoutHeaders: {x-debug: {regex: '*'}}}", Call.get("/").header("x-debug", "anything"),
                         false),
                new Case("§1.2 regex '*' in withoutHeaders: an absent header matches",
                         "{withoutHeaders: {x-debug: {regex: '*'}}}", Call.get("/"), true),
                new Case("§1.4 withoutHeaders: missing header counts as empty",
                         "{withoutHeaders: {x-canary: {exact: 'true'}}}", Call.get("/"), true),
                new Case("§1.4 withoutHeaders: other value", "{withoutHeaders: {x-canary: {exact: 'true'}}}",
                         Call.get("/").header("x-canary", "false"), true),
                new Case("§1.4 withoutHeaders: matching value excludes",
                         "{withoutHeaders: {x-canary: {exact: 'true'}}}",
                         Call.get("/").header("x-canary", "true"), false),
                new Case("§1.4 withoutHeaders: exact '' excludes a missing header",
                         "{withoutHeaders: {x-canary: {exact: ''}}}", Call.get("/"), false),
                new Case("§1.4 withoutHeaders {} matches only when absent", "{withoutHeaders: {x-canary: {}}}",
                         Call.get("/"), true),
                new Case("§1.4 withoutHeaders {} matches only when absent", "{withoutHeaders: {x-canary: {}}}",
                         Call.get("/").header("x-canary", "no"), false),
                new Case("§1.4 method", "{method: {exact: POST}}", Call.get("/").method("POST"), true),
                new Case("§1.4 method is case-sensitive", "{method: {exact: post}}", Call.get("/").method("POST"),
                         false),
                new Case("§1.4 authority", "{authority: {prefix: user-service}}", Call.get("/"), true),
                new Case("§1.4 scheme", "{scheme: {exact: https}}", Call.get("/"), false),
                new Case("§1.4 queryParams exact", "{queryParams: {debug: {exact: '1'}}}",
                         Call.get("/users?debug=1"), true),
                new Case("§1.4 ?key is matched by exact ''", "{queryParams: {debug: {exact: ''}}}",
                         Call.get("/users?debug"), true),
                new Case("§1.2 queryParams regex is a full match", "{queryParams: {id: {regex: '\\d+'}}}",
                         Call.get("/users?id=123"), true),
                new Case("§1.2 queryParams regex is a full match", "{queryParams: {id: {regex: '\\d+'}}}",
                         Call.get("/users?id=a123"), false),
                new Case("§1.5 sourceLabels selects the calling workload", "{sourceLabels: {app: booking-service}}",
                         Call.get("/"), true),
                new Case("§1.5 sourceLabels selects the calling workload", "{sourceLabels: {app: booking-service}}",
                         Call.get("/").from(Map.of("app", "api-gateway")), false),
                new Case("§1.5 sourceNamespace is the caller's namespace", "{sourceNamespace: theater-msa}",
                         Call.get("/"), true),
                new Case("§1.5 sourceNamespace of another namespace", "{sourceNamespace: other}", Call.get("/"),
                         false),
                new Case("§1.4 port is the port the caller addressed", "{port: 8081}", Call.get("/"), true),
                new Case("§1.4 port of another listener", "{port: 9090}", Call.get("/"), false),
                new Case("§1.1 fields of one block are AND-ed",
                         "{uri: {prefix: /users}, headers: {x-canary: {exact: 'true'}}}", Call.get("/users"), false),
                new Case("§1.1 fields of one block are AND-ed",
                         "{uri: {prefix: /users}, headers: {x-canary: {exact: 'true'}}}",
                         Call.get("/users").header("x-canary", "true"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchBlockMatchesAsIstioDoes(Case c) {
        RouteTable table = compile("""
                - name: matched
                  match: [%s]
                  route: [{destination: {host: user-service}}]
                """.formatted(c.match()));

        Route route = table.match(c.call().toRequest());

        assertThat(route != null).isEqualTo(c.matches());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("§1.1 an empty match block {} is admitted, matches every request and ends the table, "
                                       + "as Istio translates it to Envoy's prefix / (TranslateRouteMatch, IsCatchAllRoute)")
    void anEmptyMatchBlockMatchesEverythingAndNothingFollowsIt() {
        RouteTable table = compile("""
                - name: everything
                  match: [{}]
                  route: [{destination: {host: user-service}}]
                - name: unreachable
                  match: [{uri: {prefix: /x}}]
                  route: [{destination: {host: user-service}}]
                """);

        assertThat(table.routes()).extracting(Route::name).containsExactly("everything");
        assertThat(table.match(Call.get("/x/1").method("POST").header("x-any", "1").toRequest()).name())
                .isEqualTo("everything");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("§1.1 uri regex .* is a catch-all; a match with a header is not")
    void aRegexForEveryPathIsACatchAll() {
        RouteTable regex = compile("""
                - match: [{uri: {regex: ".*"}}]
                  route: [{destination: {host: user-service}}]
                - name: unreachable
                  route: [{destination: {host: user-service}}]
                """);
        RouteTable header = compile("""
                - match: [{headers: {x-canary: {exact: 'true'}}}]
                  route: [{destination: {host: user-service}}]
                - name: rest
                  route: [{destination: {host: user-service}}]
                """);

        assertThat(regex.routes()).extracting(Route::name).containsExactly("http[0]");
        assertThat(header.routes()).extracting(Route::name).containsExactly("http[0]", "rest");
    }

    @Test
    void matchBlocksOfOneRouteAreOred() {
        RouteTable table = compile("""
                - name: either
                  match:
                  - headers: {x-canary: {exact: 'true'}}
                  - uri: {prefix: /beta}
                  route: [{destination: {host: user-service}}]
                """);

        assertThat(table.match(Call.get("/beta/x").toRequest())).isNotNull();
        assertThat(table.match(Call.get("/").header("x-canary", "true").toRequest())).isNotNull();
        assertThat(table.match(Call.get("/").toRequest())).isNull();
    }

    @Test
    void firstMatchingRouteWins() {
        RouteTable table = compile("""
                - name: canary
                  match: [{headers: {x-canary: {exact: 'true'}}}]
                  route: [{destination: {host: user-service, subset: ctx2}}]
                - name: users
                  match: [{uri: {prefix: /users}}]
                  route: [{destination: {host: user-service, subset: ctx1}}]
                """);

        assertThat(table.match(Call.get("/users").header("x-canary", "true").toRequest()).name()).isEqualTo("canary");
        assertThat(table.match(Call.get("/users").toRequest()).name()).isEqualTo("users");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("§1.6 no matching route gives no route (404 NR); §1.1 nothing after a catch-all")
    void nothingIsGeneratedAfterACatchAllAndUnmatchedRequestsGetNoRoute() {
        RouteTable withCatchAll = compile("""
                - route: [{destination: {host: user-service}}]
                - name: unreachable
                  match: [{uri: {prefix: /x}}]
                  route: [{destination: {host: user-service}}]
                """);
        RouteTable withoutCatchAll = compile("""
                - match: [{uri: {prefix: /users}}]
                  route: [{destination: {host: user-service}}]
                """);

        assertThat(withCatchAll.routes()).extracting(Route::name).containsExactly("http[0]");
        assertThat(withoutCatchAll.match(Call.get("/movies").toRequest())).isNull();
    }

    @Test
    void routesForGatewaysOnlyAreNotGeneratedForSidecars() {
        RouteTable table = compile("""
                - name: gateway-only
                  match: [{uri: {prefix: /}, gateways: [theater-gateway]}]
                  route: [{destination: {host: user-service, subset: ctx2}}]
                - name: mesh
                  route: [{destination: {host: user-service}}]
                """);

        assertThat(table.match(Call.get("/").toRequest()).name()).isEqualTo("mesh");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("§1.7 a host without VirtualService gets one default route to its default cluster")
    void hostWithoutVirtualServiceGetsTheDefaultRoute() {
        RouteTable table = RouteTable.defaultFor(USERS);

        Route route = table.match(Call.get("/anything?x=1").method("DELETE").toRequest());

        assertThat(route.name()).isEqualTo(RouteTable.DEFAULT_ROUTE);
        assertThat(route.pickDestination(12345)).isEqualTo(new RouteDestination(USERS, "", 0, 0));
    }

    private static RouteTable compile(String http) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                """ + http.indent(2);
        LoadedConfig result = new MeshConfigLoader(NAMESPACE).load("routes.yaml", yaml);
        assertThat(result.errors()).isEmpty();
        return RouteCompiler.compile(result.virtualServices().getFirst());
    }
}
