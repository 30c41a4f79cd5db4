package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.route.RouteAction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.theatermsa.mesh.sidecar.SidecarFixture.SUBSETS_BY_CLUSTER;
import static io.theatermsa.mesh.sidecar.SidecarFixture.userRoutes;
import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §1.10: redirect, directResponse and header operations through one sidecar. */
class RouteActionsTest {

    static final UserPods PODS = new UserPods("user-service-ctx1-0", "user-service-ctx2-0");


    private static SidecarFixture sidecar(String routes) {
        SidecarFixture f = new SidecarFixture(new Random(1));
        f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
        f.apply(SUBSETS_BY_CLUSTER + userRoutes(routes));
        return f;
    }

    @Test
    @DisplayName("§1.10 a redirect-only route answers 301 with Location itself: no upstream, no flag, direct_response")
    void redirectOnlyRouteAnswersLocallyWithoutUpstream() {
        int before = PODS.get("user-service-ctx1-0").requests() + PODS.get("user-service-ctx2-0").requests();
        try (SidecarFixture f = sidecar("""
                - match: [{uri: {prefix: /old}}]
                  redirect: {uri: /new}
                - route: [{destination: {host: user-service}}]
                """)) {
            OutboundResponse r = f.get("/old/users?page=2");

            assertThat(r.status()).isEqualTo(301);
            assertThat(r.headers().firstValue("location")).hasValue("http://user-service:8081/new?page=2");
            assertThat(r.headers().firstValue("server")).hasValue("envoy");
            assertThat(r.body()).isEmpty();
            assertThat(PODS.get("user-service-ctx1-0").requests() + PODS.get("user-service-ctx2-0").requests()).isEqualTo(before);
            AccessLogEntry e = f.lastEntry();
            assertThat(e.route()).isEqualTo("http[0]");
            assertThat(e.flagsText()).isEqualTo("-");
            assertThat(e.responseCodeDetails()).isEqualTo("direct_response");
            assertThat(e.attemptCount()).isZero();
            assertThat(e.envoyCluster()).isEmpty();
        }
    }

    record RedirectCase(String name, RouteAction.Redirect redirect, String path, String location) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RedirectCase> redirects() {
        return Stream.of(
                new RedirectCase("uri replaces the whole path, the query is kept",
                        new RouteAction.Redirect("/v1/bookRatings", "", 0, "", 301), "/v1/getProductRatings?x=1",
                        "http://user-service:8081/v1/bookRatings?x=1"),
                new RedirectCase("a uri with its own query replaces the query",
                        new RouteAction.Redirect("/new?y=2", "", 0, "", 301), "/old?x=1",
                        "http://user-service:8081/new?y=2"),
                new RedirectCase("authority replaces host and port",
                        new RouteAction.Redirect("", "newusers.example.com", 0, "", 301), "/a",
                        "http://newusers.example.com/a"),
                new RedirectCase("port replaces the port",
                        new RouteAction.Redirect("", "", 9090, "", 301), "/a", "http://user-service:9090/a"),
                new RedirectCase("scheme replaces the scheme; a non-default port stays",
                        new RouteAction.Redirect("", "", 0, "https", 301), "/a", "https://user-service:8081/a"),
                new RedirectCase("the default port of the new scheme is dropped",
                        new RouteAction.Redirect("", "secure.example.com:443", 0, "https", 301), "/a",
                        "https://secure.example.com/a"),
                new RedirectCase("everything at once",
                        new RouteAction.Redirect("/b", "other", 8443, "https", 308), "/a?q",
                        "https://other:8443/b?q"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redirects")
    @DisplayName("§1.10 redirect rewrites uri, authority, port and scheme of the Location")
    void redirectRewritesTheLocation(RedirectCase c) {
        assertThat(c.redirect().location("http", "user-service:8081", c.path())).isEqualTo(c.location());
    }

    @Test
    @DisplayName("§1.10 redirectCode, authority, port and scheme reach the Location end to end")
    void redirectCodeAndAuthorityEndToEnd() {
        try (SidecarFixture f = sidecar("""
                - redirect: {authority: users.example.com, port: 8443, scheme: https, redirectCode: 307}
                """)) {
            OutboundResponse r = f.get("/users/1");

            assertThat(r.status()).isEqualTo(307);
            assertThat(r.headers().firstValue("location")).hasValue("https://users.example.com:8443/users/1");
        }
    }

    @Test
    @DisplayName("§1.10 directResponse answers its status and body string, text/plain, and nothing after it runs")
    void directResponseWithStringBody() {
        int before = PODS.get("user-service-ctx1-0").requests() + PODS.get("user-service-ctx2-0").requests();
        try (SidecarFixture f = sidecar("""
                - match: [{uri: {exact: /maintenance}}]
                  directResponse: {status: 503, body: {string: "back at 10:00"}}
                - route: [{destination: {host: user-service}}]
                """)) {
            OutboundResponse r = f.get("/maintenance");

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.bodyText()).isEqualTo("back at 10:00");
            assertThat(r.headers().firstValue("content-type")).hasValue("text/plain");
            assertThat(PODS.get("user-service-ctx1-0").requests() + PODS.get("user-service-ctx2-0").requests()).isEqualTo(before);
            assertThat(f.lastEntry().flagsText()).isEqualTo("-");
            assertThat(f.get("/users").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("§1.10 directResponse body.bytes is base64; no body when body is omitted")
    void directResponseBytesAndNoBody() {
        try (SidecarFixture f = sidecar("""
                - match: [{uri: {exact: /bytes}}]
                  directResponse: {status: 200, body: {bytes: "aGVsbG8="}}
                - directResponse: {status: 204}
                """)) {
            assertThat(new String(f.get("/bytes").body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            OutboundResponse empty = f.get("/anything");
            assertThat(empty.status()).isEqualTo(204);
            assertThat(empty.body()).isEmpty();
            assertThat(empty.headers().firstValue("content-type")).isEmpty();
        }
    }

    @Test
    @DisplayName("§1.10 request headers: remove first, then set overwrites, add appends comma-joined")
    void requestHeaderOperationsReachTheUpstream() {
        try (SidecarFixture f = sidecar("""
                - headers:
                    request:
                      set: {x-set: new}
                      add: {x-add: two}
                      remove: [x-gone]
                  route: [{destination: {host: user-service, subset: ctx1}}]
                """)) {
            OutboundResponse r = f.get("/headers", Map.of("x-set", List.of("old"), "x-add", List.of("one"),
                                                          "x-gone", List.of("bye"), "x-kept", List.of("k")));

            assertThat(r.bodyText()).isEqualTo("x-add: one,two\nx-kept: k\nx-set: new\n");
        }
    }

    @Test
    @DisplayName("§1.10 response headers apply to the upstream's response")
    void responseHeaderOperationsReachTheCaller() {
        try (SidecarFixture f = sidecar("""
                - headers:
                    response:
                      set: {x-served-by: mesh}
                      add: {x-seen-attempt-count: extra}
                      remove: [x-seen-request-id]
                  route: [{destination: {host: user-service, subset: ctx1}}]
                """)) {
            OutboundResponse r = f.get("/users");

            assertThat(r.headers().firstValue("x-served-by")).hasValue("mesh");
            assertThat(r.headers().firstValue("x-seen-attempt-count")).hasValue("1,extra");
            assertThat(r.headers().firstValue("x-seen-request-id")).isEmpty();
        }
    }

    @Test
    @DisplayName("§1.10 one destination: its headers follow the route's in one parser, so its set wins")
    void singleDestinationHeadersApplyAfterTheRoutes() {
        try (SidecarFixture f = sidecar("""
                - headers: {request: {set: {x-level: route}, add: {x-trail: route}}}
                  route:
                  - destination: {host: user-service, subset: ctx1}
                    headers: {request: {set: {x-level: destination}, add: {x-trail: destination}}}
                """)) {
            assertThat(f.get("/headers").bodyText()).isEqualTo("x-level: destination\nx-trail: route,destination\n");
        }
    }

    @Test
    @DisplayName("§1.10 several destinations: each is a weighted cluster whose headers Envoy applies before the route's")
    void weightedDestinationHeadersApplyBeforeTheRoutes() {
        try (SidecarFixture f = sidecar("""
                - headers: {request: {set: {x-level: route}, add: {x-trail: route}}}
                  route:
                  - destination: {host: user-service, subset: ctx1}
                    weight: 100
                    headers: {request: {set: {x-level: destination}, add: {x-trail: destination}}}
                  - destination: {host: user-service, subset: ctx2}
                    weight: 0
                """)) {
            assertThat(f.get("/headers").bodyText()).isEqualTo("x-level: route\nx-trail: destination,route\n");
        }
    }

    @Test
    @DisplayName("§1.10 a directResponse route's response headers apply to its local answer")
    void responseHeadersApplyToADirectResponse() {
        try (SidecarFixture f = sidecar("""
                - headers: {response: {set: {x-maintenance: "true"}}}
                  directResponse: {status: 503}
                """)) {
            assertThat(f.get("/users").headers().firstValue("x-maintenance")).hasValue("true");
        }
    }
}
