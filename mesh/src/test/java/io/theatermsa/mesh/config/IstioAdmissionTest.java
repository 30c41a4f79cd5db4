package io.theatermsa.mesh.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row per rule of Istio's validating webhook and v1 CRD schema for VirtualService and DestinationRule
 * (istio-validation.md A–D, read in istio/istio {@code pkg/config/validation}), with its edge cases: what Istio
 * refuses is an {@link Gate#ADMISSION} finding at the field, what it admits has none.
 */
class IstioAdmissionTest {

    record Refused(String rule, String yaml, Code code, String fieldPath) {
        @Override
        public String toString() {
            return rule;
        }
    }

    record Admitted(String rule, String yaml) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static String vs(String spec) {
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: shop}\n"
               + "spec:\n" + spec.indent(2);
    }

    private static String http(String rule) {
        return vs("hosts: [reviews]\nhttp:\n" + rule.indent(0).lines().map(l -> "  " + l)
                .reduce((a, b) -> a + "\n" + b).orElse("") + "\n");
    }

    private static String route(String extra) {
        return http("- route: [{destination: {host: reviews}}]\n  " + extra);
    }

    private static String dr(String spec) {
        return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr, namespace: shop}\n"
               + "spec:\n  host: reviews\n" + spec.indent(2);
    }

    private static String policy(String trafficPolicy) {
        return dr("trafficPolicy: " + trafficPolicy);
    }

    static List<Refused> refused() {
        return List.of(
                // 0.5, 0.6 the object around the spec
                new Refused("0.5 an unknown top-level field", vs("hosts: [reviews]\nhttp: [{route: [{destination: "
                        + "{host: reviews}}]}]") + "extra: 1\n", Code.INVALID_VALUE, "extra"),
                new Refused("0.6 the dry-run annotation on a VirtualService", vs("hosts: [reviews]\nhttp: [{route: "
                        + "[{destination: {host: reviews}}]}]").replace("namespace: shop}", "namespace: shop, "
                        + "annotations: {istio.io/dry-run: 'true'}}"), Code.INVALID_VALUE,
                        "metadata.annotations.istio.io/dry-run"),
                new Refused("0.6 an internal annotation users may not set", dr("").replace("namespace: shop}",
                        "namespace: shop, annotations: {internal.istio.io/parents: x}}"), Code.INVALID_VALUE,
                        "metadata.annotations.internal.istio.io/parents"),
                // A.1 top level
                new Refused("A.1.1 a delegate must not name gateways",
                        vs("gateways: [shop/gw]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.CONFLICTING_FIELDS, "spec.gateways"),
                new Refused("A.1.1 a delegate must not have tcp routes",
                        vs("tcp: [{route: [{destination: {host: reviews}}]}]"), Code.CONFLICTING_FIELDS, "spec.tcp"),
                new Refused("A.1.2 no http, tcp or tls", vs("hosts: [reviews]"), Code.MISSING_ROUTES, "spec"),
                new Refused("A.1.2 a null http entry", vs("hosts: [reviews]\nhttp: [~]"),
                        Code.MISSING_FIELD, "spec.http[0]"),
                new Refused("A.1.4 a host label with an underscore",
                        vs("hosts: [bad_host.example.com]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.INVALID_HOST, "spec.hosts[0]"),
                new Refused("A.1.4 an all-numeric top-level domain",
                        vs("hosts: [foo.123]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.INVALID_HOST, "spec.hosts[0]"),
                new Refused("A.1.4 an empty host", vs("hosts: ['']\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.INVALID_HOST, "spec.hosts[0]"),
                new Refused("A.1.4 a wildcard not in the first label",
                        vs("hosts: [foo.*.com]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.INVALID_HOST, "spec.hosts[0]"),
                new Refused("A.1.5 host * on a mesh VirtualService",
                        vs("hosts: ['*']\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.INVALID_HOST, "spec.hosts[0]"),
                new Refused("A.1.6 overlapping wildcard hosts",
                        vs("hosts: ['*.foo.bar', '*.bar']\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.DUPLICATE_HOSTS, "spec.hosts[1]"),
                new Refused("A.1.6 a host under a wildcard of the same VirtualService",
                        vs("hosts: [a.com, '*.com']\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.DUPLICATE_HOSTS, "spec.hosts[1]"),
                new Refused("A.1.6 the same host twice",
                        vs("hosts: [reviews, reviews]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.DUPLICATE_HOSTS, "spec.hosts[1]"),
                new Refused("A.1.8 a JWT claim match on a mesh VirtualService", http("""
                        - match: [{headers: {"@request.auth.claims.group": {exact: admin}}}]
                          route: [{destination: {host: reviews}}]"""),
                        Code.INVALID_HEADER, "spec.http[0].match[0].headers.@request.auth.claims.group"),
                new Refused("C.9 a gateway reference with an empty namespace",
                        vs("hosts: [reviews]\ngateways: [/gw]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.INVALID_VALUE, "spec.gateways[0]"),
                new Refused("C.9 a gateway name that is not a DNS name",
                        vs("hosts: [reviews]\ngateways: [Bad!]\nhttp: [{route: [{destination: {host: reviews}}]}]"),
                        Code.INVALID_VALUE, "spec.gateways[0]"),
                // C.8 exportTo
                new Refused("C.8 exportTo ~", vs("hosts: [reviews]\nexportTo: ['~']\nhttp: [{route: [{destination: "
                        + "{host: reviews}}]}]"), Code.INVALID_EXPORT_TO, "spec.exportTo[0]"),
                new Refused("C.8 exportTo . and its own namespace", vs("hosts: [reviews]\nexportTo: ['.', shop]\n"
                        + "http: [{route: [{destination: {host: reviews}}]}]"), Code.INVALID_EXPORT_TO,
                        "spec.exportTo[1]"),
                new Refused("C.8 exportTo * with another entry", vs("hosts: [reviews]\nexportTo: ['*', other]\n"
                        + "http: [{route: [{destination: {host: reviews}}]}]"), Code.INVALID_EXPORT_TO, "spec.exportTo"),
                new Refused("C.8 exportTo entry that is not a label", vs("hosts: [reviews]\nexportTo: [a.b]\n"
                        + "http: [{route: [{destination: {host: reviews}}]}]"), Code.INVALID_EXPORT_TO,
                        "spec.exportTo[0]"),
                // A.2 conflicts
                new Refused("A.2.1 redirect with route", http("""
                        - redirect: {uri: /v2}
                          route: [{destination: {host: reviews}}]"""), Code.CONFLICTING_ROUTE_ACTIONS, "spec.http[0]"),
                new Refused("A.2.1 redirect with rewrite", http("""
                        - redirect: {uri: /v2}
                          rewrite: {uri: /v3}"""), Code.CONFLICTING_ROUTE_ACTIONS, "spec.http[0]"),
                new Refused("A.2.1 redirect with fault", http("""
                        - redirect: {uri: /v2}
                          fault: {abort: {httpStatus: 500}}"""), Code.CONFLICTING_ROUTE_ACTIONS, "spec.http[0]"),
                new Refused("A.2.2 directResponse with fault", http("""
                        - directResponse: {status: 200}
                          fault: {abort: {httpStatus: 500}}"""), Code.CONFLICTING_ROUTE_ACTIONS, "spec.http[0]"),
                new Refused("A.2.2 directResponse with rewrite", http("""
                        - directResponse: {status: 200}
                          rewrite: {uri: /x}"""), Code.CONFLICTING_ROUTE_ACTIONS, "spec.http[0]"),
                new Refused("A.2.3 neither route, redirect nor directResponse", http("- match: [{uri: {prefix: /a}}]"),
                        Code.ROUTE_WITHOUT_DESTINATION, "spec.http[0].route"),
                new Refused("A.2.4 mirror and mirrors", route("""
                        mirror: {host: reviews}
                          mirrors: [{destination: {host: reviews}}]"""), Code.CONFLICTING_ROUTE_ACTIONS,
                        "spec.http[0]"),
                new Refused("A.2.5 a root route with delegate and route", http("""
                        - delegate: {name: child}
                          route: [{destination: {host: reviews}}]"""), Code.CONFLICTING_ROUTE_ACTIONS, "spec.http[0]"),
                new Refused("A.2.5 a delegate route inside a delegate",
                        vs("http: [{delegate: {name: grandchild}}]"), Code.CONFLICTING_ROUTE_ACTIONS,
                        "spec.http[0].delegate"),
                // A.3 matches
                new Refused("A.3.1 a header name with a space", http("""
                        - match: [{headers: {"bad name": {exact: x}}}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_HEADER,
                        "spec.http[0].match[0].headers.bad name"),
                new Refused("A.3.1 a null header match", http("""
                        - match: [{headers: {x-a: ~}}]
                          route: [{destination: {host: reviews}}]"""), Code.MISSING_FIELD,
                        "spec.http[0].match[0].headers.x-a"),
                new Refused("A.3.2 an empty header prefix", http("""
                        - match: [{headers: {x-a: {prefix: ""}}}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_VALUE,
                        "spec.http[0].match[0].headers.x-a.prefix"),
                new Refused("A.3.2 an empty method prefix", http("""
                        - match: [{method: {prefix: ""}}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_VALUE,
                        "spec.http[0].match[0].method.prefix"),
                new Refused("A.3.2 an empty query parameter prefix", http("""
                        - match: [{queryParams: {q: {prefix: ""}}}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_VALUE,
                        "spec.http[0].match[0].queryParams.q.prefix"),
                new Refused("A.3.2 an empty regex", http("""
                        - match: [{uri: {regex: ""}}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_REGEX,
                        "spec.http[0].match[0].uri.regex"),
                new Refused("A.3.2 a regex RE2 rejects (look-ahead)", http("""
                        - match: [{uri: {regex: "/a(?=b)"}}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_REGEX,
                        "spec.http[0].match[0].uri.regex"),
                new Refused("A.3.2 regex '*' in headers is not RE2", http("""
                        - match: [{headers: {x-a: {regex: "*"}}}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_REGEX,
                        "spec.http[0].match[0].headers.x-a.regex"),
                new Refused("A.3.2 a regex over 1024 characters", http("- match: [{uri: {regex: \"" + "a".repeat(1025)
                        + "\"}}]\n  route: [{destination: {host: reviews}}]"), Code.INVALID_REGEX,
                        "spec.http[0].match[0].uri.regex"),
                new Refused("A.3.3 a match port above 65535", http("""
                        - match: [{port: 70000}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_VALUE,
                        "spec.http[0].match[0].port"),
                new Refused("A.3.3 a sourceNamespace that is not a label", http("""
                        - match: [{sourceNamespace: "a.b"}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_VALUE,
                        "spec.http[0].match[0].sourceNamespace"),
                new Refused("A.3.3 a sourceLabels key that is not a qualified name", http("""
                        - match: [{sourceLabels: {"-app": x}}]
                          route: [{destination: {host: reviews}}]"""), Code.INVALID_VALUE,
                        "spec.http[0].match[0].sourceLabels.-app"),
                new Refused("D.3 exact and prefix in one StringMatch", http("""
                        - match: [{uri: {exact: /a, prefix: /b}}]
                          route: [{destination: {host: reviews}}]"""), Code.AMBIGUOUS_STRING_MATCH,
                        "spec.http[0].match[0].uri"),
                // A.4 headers, authority, CORS
                new Refused("A.4.1 a request set with an empty name", route("headers: {request: {set: {'': x}}}"),
                        Code.INVALID_HEADER, "spec.http[0].headers.request.set."),
                new Refused("A.4.1 a request add of a pseudo-header", route("headers: {request: {add: {':path': x}}}"),
                        Code.INVALID_HEADER, "spec.http[0].headers.request.add.:path"),
                new Refused("A.4.1 a request remove of host", route("headers: {request: {remove: [Host]}}"),
                        Code.INVALID_HEADER, "spec.http[0].headers.request.remove[0]"),
                new Refused("A.4.1 a response set of host", route("headers: {response: {set: {host: x}}}"),
                        Code.INVALID_HEADER, "spec.http[0].headers.response.set.host"),
                new Refused("A.4.1 a destination-level response remove with an empty name", http("""
                        - route: [{destination: {host: reviews}, headers: {response: {remove: ['']}}}]"""),
                        Code.INVALID_HEADER, "spec.http[0].route[0].headers.response.remove[0]"),
                new Refused("A.4.2 a header value ending in a lone %", route("headers: {request: {set: {x-a: 'abc%'}}}"),
                        Code.INVALID_HEADER, "spec.http[0].headers.request.set.x-a"),
                new Refused("A.4.2 an unterminated %VAR", route("headers: {response: {add: {x-a: '%HOSTNAME'}}}"),
                        Code.INVALID_HEADER, "spec.http[0].headers.response.add.x-a"),
                new Refused("A.4.2 a control character in a value",
                        route("headers: {request: {set: {x-a: \"a\\u0001b\"}}}"), Code.INVALID_HEADER,
                        "spec.http[0].headers.request.set.x-a"),
                new Refused("A.4.3 rewrite.authority and a host header set", route("""
                        rewrite: {authority: a.example}
                          headers: {request: {set: {host: b.example}}}"""), Code.CONFLICTING_FIELDS,
                        "spec.http[0].headers.request.set.host"),
                new Refused("A.4.4 a CORS origin with no match type", route("corsPolicy: {allowOrigins: [{}]}"),
                        Code.INVALID_VALUE, "spec.http[0].corsPolicy.allowOrigins[0]"),
                new Refused("A.4.4 a CORS method in lower case", route("corsPolicy: {allowMethods: [get]}"),
                        Code.INVALID_VALUE, "spec.http[0].corsPolicy.allowMethods[0]"),
                new Refused("A.4.4 a CORS header that is not a token", route("corsPolicy: {allowHeaders: ['a b']}"),
                        Code.INVALID_HEADER, "spec.http[0].corsPolicy.allowHeaders[0]"),
                new Refused("A.4.4 a CORS maxAge below a second", route("corsPolicy: {maxAge: 1500ms}"),
                        Code.INVALID_DURATION, "spec.http[0].corsPolicy.maxAge"),
                // A.5 fault, mirror, redirect, direct response, rewrite, retries, timeout
                new Refused("A.5.1 a fault with neither abort nor delay", route("fault: {}"), Code.INVALID_FAULT,
                        "spec.http[0].fault"),
                new Refused("A.5.2 an abort status above 600", route("fault: {abort: {httpStatus: 601}}"),
                        Code.INVALID_FAULT, "spec.http[0].fault.abort.httpStatus"),
                new Refused("A.5.2 an abort status below 200", route("fault: {abort: {httpStatus: 199}}"),
                        Code.INVALID_FAULT, "spec.http[0].fault.abort.httpStatus"),
                new Refused("A.5.2 an unknown gRPC status name", route("fault: {abort: {grpcStatus: UNAVAILABLEX}}"),
                        Code.INVALID_FAULT, "spec.http[0].fault.abort.grpcStatus"),
                new Refused("A.5.2 a gRPC status name in lower case", route("fault: {abort: {grpcStatus: unavailable}}"),
                        Code.INVALID_FAULT, "spec.http[0].fault.abort.grpcStatus"),
                new Refused("A.5.2 an HTTP/2 error abort", route("fault: {abort: {http2Error: REFUSED_STREAM}}"),
                        Code.INVALID_FAULT, "spec.http[0].fault.abort.http2Error"),
                new Refused("D.3 httpStatus and grpcStatus together",
                        route("fault: {abort: {httpStatus: 500, grpcStatus: UNAVAILABLE}}"), Code.CONFLICTING_FIELDS,
                        "spec.http[0].fault.abort"),
                new Refused("A.5.3 an abort percentage below 0.0001",
                        route("fault: {abort: {httpStatus: 500, percentage: {value: 0.00001}}}"), Code.INVALID_FAULT,
                        "spec.http[0].fault.abort.percentage.value"),
                new Refused("A.5.3 a delay percentage above 100",
                        route("fault: {delay: {fixedDelay: 1s, percentage: {value: 100.5}}}"), Code.INVALID_FAULT,
                        "spec.http[0].fault.delay.percentage.value"),
                new Refused("A.5.4 an exponential delay", route("fault: {delay: {exponentialDelay: 1s}}"),
                        Code.INVALID_FAULT, "spec.http[0].fault.delay.exponentialDelay"),
                new Refused("A.5.4 a fixed delay below 1ms", route("fault: {delay: {fixedDelay: 500us}}"),
                        Code.INVALID_DURATION, "spec.http[0].fault.delay.fixedDelay"),
                new Refused("A.5.5 mirrorPercent 101", route("mirror: {host: reviews}\n  mirrorPercent: 101"),
                        Code.INVALID_VALUE, "spec.http[0].mirrorPercent"),
                new Refused("A.5.5 mirrorPercentage above 100",
                        route("mirror: {host: reviews}\n  mirrorPercentage: {value: 100.1}"), Code.INVALID_VALUE,
                        "spec.http[0].mirrorPercentage.value"),
                new Refused("A.5.5 a mirrors entry without destination", route("mirrors: [{percentage: {value: 5}}]"),
                        Code.DESTINATION_WITHOUT_HOST, "spec.http[0].mirrors[0].destination"),
                new Refused("A.5.5 a mirrors percentage below 0",
                        route("mirrors: [{destination: {host: reviews}, percentage: {value: -1}}]"), Code.INVALID_VALUE,
                        "spec.http[0].mirrors[0].percentage.value"),
                new Refused("A.5.5 a mirror host that is *", route("mirror: {host: '*'}"), Code.INVALID_HOST,
                        "spec.http[0].mirror.host"),
                new Refused("A.5.6 redirect uri with prefixRewrite", http("- redirect: {uri: /a, prefixRewrite: /b}"),
                        Code.CONFLICTING_FIELDS, "spec.http[0].redirect"),
                new Refused("A.5.6 redirect prefixRewrite with an exact uri match", http("""
                        - match: [{uri: {exact: /a}}]
                          redirect: {prefixRewrite: /b}"""), Code.INVALID_VALUE, "spec.http[0].redirect.prefixRewrite"),
                new Refused("A.5.6 a redirect that changes nothing", http("- redirect: {redirectCode: 302}"),
                        Code.INVALID_VALUE, "spec.http[0].redirect"),
                new Refused("A.5.6 redirectCode 200", http("- redirect: {uri: /a, redirectCode: 200}"),
                        Code.INVALID_VALUE, "spec.http[0].redirect.redirectCode"),
                new Refused("A.5.6 redirect scheme ftp", http("- redirect: {scheme: ftp}"), Code.INVALID_VALUE,
                        "spec.http[0].redirect.scheme"),
                new Refused("A.5.6 redirect port above 65535", http("- redirect: {port: 65536}"), Code.INVALID_VALUE,
                        "spec.http[0].redirect.port"),
                new Refused("D.3 redirect port with derivePort",
                        http("- redirect: {port: 8080, derivePort: FROM_REQUEST_PORT}"), Code.CONFLICTING_FIELDS,
                        "spec.http[0].redirect"),
                new Refused("A.5.7 direct response status 199", http("- directResponse: {status: 199}"),
                        Code.INVALID_VALUE, "spec.http[0].directResponse.status"),
                new Refused("D.2 direct response without status", http("- directResponse: {body: {string: hi}}"),
                        Code.MISSING_FIELD, "spec.http[0].directResponse.status"),
                new Refused("A.5.7 a direct response body over 1 MiB", http("- directResponse: {status: 200, body: "
                        + "{string: " + "x".repeat(1024 * 1024 + 1) + "}}"), Code.INVALID_VALUE,
                        "spec.http[0].directResponse.body"),
                new Refused("D.3 body string and bytes", http("- directResponse: {status: 200, body: {string: a, "
                        + "bytes: YQ==}}"), Code.CONFLICTING_FIELDS, "spec.http[0].directResponse.body"),
                new Refused("A.5.8 rewrite uri with uriRegexRewrite",
                        route("rewrite: {uri: /a, uriRegexRewrite: {match: a, rewrite: b}}"), Code.CONFLICTING_FIELDS,
                        "spec.http[0].rewrite"),
                new Refused("A.5.8 an empty rewrite", route("rewrite: {}"), Code.INVALID_VALUE, "spec.http[0].rewrite"),
                new Refused("A.5.8 uriRegexRewrite without rewrite", route("rewrite: {uriRegexRewrite: {match: a}}"),
                        Code.MISSING_FIELD, "spec.http[0].rewrite.uriRegexRewrite"),
                new Refused("A.5.8 uriRegexRewrite match RE2 rejects",
                        route("rewrite: {uriRegexRewrite: {match: '(?<=a)b', rewrite: c}}"), Code.INVALID_REGEX,
                        "spec.http[0].rewrite.uriRegexRewrite.match"),
                new Refused("A.5.9 negative attempts", route("retries: {attempts: -1}"), Code.INVALID_RETRY_POLICY,
                        "spec.http[0].retries.attempts"),
                new Refused("A.5.9 retryOn with attempts omitted", route("retries: {retryOn: 5xx}"),
                        Code.INVALID_RETRY_POLICY, "spec.http[0].retries.attempts"),
                new Refused("A.5.9 retryRemoteLocalities false with attempts 0",
                        route("retries: {attempts: 0, retryRemoteLocalities: false}"), Code.INVALID_RETRY_POLICY,
                        "spec.http[0].retries.attempts"),
                new Refused("A.5.9 retryOn with a space after the comma",
                        route("retries: {attempts: 3, retryOn: '5xx, reset'}"), Code.INVALID_RETRY_POLICY,
                        "spec.http[0].retries.retryOn"),
                new Refused("A.5.9 retryOn 599, which Go's net/http does not name",
                        route("retries: {attempts: 3, retryOn: '599'}"), Code.INVALID_RETRY_POLICY,
                        "spec.http[0].retries.retryOn"),
                new Refused("A.5.9 a perTryTimeout below 1ms", route("retries: {attempts: 3, perTryTimeout: 0.5ms}"),
                        Code.INVALID_DURATION, "spec.http[0].retries.perTryTimeout"),
                new Refused("A.5.9 a backoff finer than a millisecond", route("retries: {attempts: 3, backoff: 1500us}"),
                        Code.INVALID_DURATION, "spec.http[0].retries.backoff"),
                new Refused("A.5.10 timeout 0s", route("timeout: 0s"), Code.INVALID_DURATION, "spec.http[0].timeout"),
                new Refused("C.6 a duration Go cannot parse", route("timeout: 1d"), Code.INVALID_DURATION,
                        "spec.http[0].timeout"),
                // A.6 destinations
                new Refused("A.6.1 a null route entry", http("- route: [~]"), Code.MISSING_FIELD,
                        "spec.http[0].route[0]"),
                new Refused("A.6.1 a route entry without destination", http("- route: [{weight: 100}]"),
                        Code.DESTINATION_WITHOUT_HOST, "spec.http[0].route[0].destination"),
                new Refused("A.6.2 destination host *", http("- route: [{destination: {host: '*'}}]"),
                        Code.INVALID_HOST, "spec.http[0].route[0].destination.host"),
                new Refused("A.6.2 an IP destination (numeric top-level domain)",
                        http("- route: [{destination: {host: 10.0.0.1}}]"), Code.INVALID_HOST,
                        "spec.http[0].route[0].destination.host"),
                new Refused("A.6.2 a subset name with an underscore",
                        http("- route: [{destination: {host: reviews, subset: v_1}}]"), Code.INVALID_SUBSET_NAME,
                        "spec.http[0].route[0].destination.subset"),
                new Refused("A.6.2 destination port 0",
                        http("- route: [{destination: {host: reviews, port: {number: 0}}}]"), Code.INVALID_VALUE,
                        "spec.http[0].route[0].destination.port.number"),
                new Refused("A.6.3 a negative weight", http("""
                        - route:
                          - {destination: {host: reviews}, weight: 110}
                          - {destination: {host: ratings}, weight: -10}"""), Code.NEGATIVE_WEIGHT,
                        "spec.http[0].route[1].weight"),
                new Refused("A.6.3 total weight 0 over two destinations", http("""
                        - route:
                          - {destination: {host: reviews}, weight: 0}
                          - {destination: {host: ratings}}"""), Code.ZERO_TOTAL_WEIGHT, "spec.http[0].route"),
                // A.7 TLS and A.8 TCP
                new Refused("A.7.1 a TLS route without match", vs("hosts: [reviews]\ntls: [{route: [{destination: "
                        + "{host: reviews}}]}]"), Code.MISSING_FIELD, "spec.tls[0].match"),
                new Refused("A.7.1 a TLS match without SNI hosts", vs("hosts: [reviews]\ntls: [{match: [{port: 443}], "
                        + "route: [{destination: {host: reviews}}]}]"), Code.MISSING_FIELD,
                        "spec.tls[0].match[0].sniHosts"),
                new Refused("A.7.1 a TLS rule without route", vs("hosts: [reviews]\ntls: [{match: [{sniHosts: "
                        + "[reviews]}]}]"), Code.ROUTE_WITHOUT_DESTINATION, "spec.tls[0].route"),
                new Refused("A.7.2 an SNI host outside the VirtualService hosts", vs("hosts: [a.example.com]\ntls: "
                        + "[{match: [{sniHosts: [b.example.com]}], route: [{destination: {host: reviews}}]}]"),
                        Code.INVALID_HOST, "spec.tls[0].match[0].sniHosts[0]"),
                new Refused("A.7.2 a destination subnet that is no CIDR", vs("hosts: [a.example.com]\ntls: [{match: "
                        + "[{sniHosts: [a.example.com], destinationSubnets: [10.0.0.0/33]}], route: [{destination: "
                        + "{host: reviews}}]}]"), Code.INVALID_VALUE, "spec.tls[0].match[0].destinationSubnets[0]"),
                new Refused("A.8.1 a null TCP match", vs("hosts: [reviews]\ntcp: [{match: [~], route: [{destination: "
                        + "{host: reviews}}]}]"), Code.MISSING_FIELD, "spec.tcp[0].match[0]"),
                new Refused("A.8.1 a TCP rule without route", vs("hosts: [reviews]\ntcp: [{match: [{port: 3306}]}]"),
                        Code.ROUTE_WITHOUT_DESTINATION, "spec.tcp[0].route"),
                new Refused("A.8.1 a TCP destination without host", vs("hosts: [reviews]\ntcp: [{route: "
                        + "[{destination: {port: {number: 3306}}}]}]"), Code.DESTINATION_WITHOUT_HOST,
                        "spec.tcp[0].route[0].destination.host"),
                // B DestinationRule
                new Refused("B.1 an IP host", dr("").replace("host: reviews", "host: 10.0.0.1"), Code.INVALID_HOST,
                        "spec.host"),
                new Refused("B.1 no host", dr("").replace("  host: reviews\n", "  exportTo: ['*']\n"),
                        Code.MISSING_HOST, "spec.host"),
                new Refused("B.2 an empty trafficPolicy", policy("{}"), Code.EMPTY_POLICY, "spec.trafficPolicy"),
                new Refused("B.2 an empty subset trafficPolicy", dr("subsets: [{name: v1, labels: {v: '1'}, "
                        + "trafficPolicy: {}}]"), Code.EMPTY_POLICY, "spec.subsets[0].trafficPolicy"),
                new Refused("B.3 tunnel and proxyProtocol together", policy("{tunnel: {targetHost: a.example, "
                        + "targetPort: 80}, proxyProtocol: {version: V1}}"), Code.CONFLICTING_FIELDS,
                        "spec.trafficPolicy"),
                new Refused("B.3 a tunnel protocol other than CONNECT or POST", policy("{tunnel: {protocol: GET, "
                        + "targetHost: a.example, targetPort: 80}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.tunnel.protocol"),
                new Refused("B.3 a tunnel without targetPort", policy("{tunnel: {targetHost: a.example}}"),
                        Code.INVALID_VALUE, "spec.trafficPolicy.tunnel.targetPort"),
                new Refused("B.4 a null subset", dr("subsets: [~]"), Code.MISSING_FIELD, "spec.subsets[0]"),
                new Refused("B.4 a subset without name", dr("subsets: [{labels: {v: '1'}}]"), Code.INVALID_SUBSET_NAME,
                        "spec.subsets[0].name"),
                new Refused("B.4 duplicate subset names", dr("subsets: [{name: v1, labels: {v: '1'}}, {name: v1, "
                        + "labels: {v: '2'}}]"), Code.DUPLICATE_SUBSET_NAME, "spec.subsets[1].name"),
                new Refused("B.4 a subset name with a dot", dr("subsets: [{name: v1.0, labels: {v: '1'}}]"),
                        Code.INVALID_SUBSET_NAME, "spec.subsets[0].name"),
                new Refused("C.7 a label value with a space", dr("subsets: [{name: v1, labels: {v: 'a b'}}]"),
                        Code.INVALID_VALUE, "spec.subsets[0].labels.v"),
                new Refused("B.5 a baseEjectionTime below 1ms", policy("{outlierDetection: {baseEjectionTime: 0s}}"),
                        Code.INVALID_DURATION, "spec.trafficPolicy.outlierDetection.baseEjectionTime"),
                new Refused("B.5 local-origin failures without split mode",
                        policy("{outlierDetection: {consecutiveLocalOriginFailures: 3}}"), Code.CONFLICTING_FIELDS,
                        "spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures"),
                new Refused("B.5 maxEjectionPercent 101", policy("{outlierDetection: {maxEjectionPercent: 101}}"),
                        Code.INVALID_VALUE, "spec.trafficPolicy.outlierDetection.maxEjectionPercent"),
                new Refused("B.5 minHealthPercent -1", policy("{outlierDetection: {minHealthPercent: -1}}"),
                        Code.INVALID_VALUE, "spec.trafficPolicy.outlierDetection.minHealthPercent"),
                new Refused("D.6 consecutive5xxErrors below 0 (uint32)",
                        policy("{outlierDetection: {consecutive5xxErrors: -1}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.outlierDetection.consecutive5xxErrors"),
                new Refused("B.6 an empty connectionPool", policy("{connectionPool: {}}"), Code.EMPTY_POLICY,
                        "spec.trafficPolicy.connectionPool"),
                new Refused("B.6 negative http1MaxPendingRequests",
                        policy("{connectionPool: {http: {http1MaxPendingRequests: -1}}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests"),
                new Refused("B.6 negative maxConcurrentStreams",
                        policy("{connectionPool: {http: {maxConcurrentStreams: -1}}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.connectionPool.http.maxConcurrentStreams"),
                new Refused("B.6 negative tcp.maxConnections", policy("{connectionPool: {tcp: {maxConnections: -1}}}"),
                        Code.INVALID_VALUE, "spec.trafficPolicy.connectionPool.tcp.maxConnections"),
                new Refused("B.6 a connectTimeout below 1ms", policy("{connectionPool: {tcp: {connectTimeout: 0s}}}"),
                        Code.INVALID_DURATION, "spec.trafficPolicy.connectionPool.tcp.connectTimeout"),
                new Refused("B.6 a tcp idleTimeout finer than a millisecond",
                        policy("{connectionPool: {tcp: {idleTimeout: 1500us}}}"), Code.INVALID_DURATION,
                        "spec.trafficPolicy.connectionPool.tcp.idleTimeout"),
                new Refused("B.6 UPGRADE with useClientProtocol", policy("{connectionPool: {http: {h2UpgradePolicy: "
                        + "UPGRADE, useClientProtocol: true}}}"), Code.CONFLICTING_FIELDS,
                        "spec.trafficPolicy.connectionPool.http.useClientProtocol"),
                new Refused("B.6 http2KeepAlive without timeout", policy("{connectionPool: {http: {http2KeepAlive: "
                        + "{interval: 10s}}}}"), Code.MISSING_FIELD,
                        "spec.trafficPolicy.connectionPool.http.http2KeepAlive.timeout"),
                new Refused("D.8 an unknown h2UpgradePolicy", policy("{connectionPool: {http: {h2UpgradePolicy: "
                        + "ALWAYS}}}"), Code.INVALID_VALUE, "spec.trafficPolicy.connectionPool.http.h2UpgradePolicy"),
                new Refused("D.8 an unknown load balancer", policy("{loadBalancer: {simple: FASTEST}}"),
                        Code.INVALID_VALUE, "spec.trafficPolicy.loadBalancer.simple"),
                new Refused("D.3 simple and consistentHash together", policy("{loadBalancer: {simple: RANDOM, "
                        + "consistentHash: {useSourceIp: true}}}"), Code.CONFLICTING_FIELDS,
                        "spec.trafficPolicy.loadBalancer"),
                new Refused("B.7 an httpCookie without name", policy("{loadBalancer: {consistentHash: {httpCookie: "
                        + "{ttl: 10s}}}}"), Code.MISSING_FIELD,
                        "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name"),
                new Refused("B.7 duplicate cookie attribute names", policy("{loadBalancer: {consistentHash: "
                        + "{httpCookie: {name: c, attributes: [{name: a}, {name: a}]}}}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[1].name"),
                new Refused("B.7 minimumRingSize with ringHash", policy("{loadBalancer: {consistentHash: "
                        + "{useSourceIp: true, minimumRingSize: 1024, ringHash: {minimumRingSize: 1024}}}}"),
                        Code.CONFLICTING_FIELDS, "spec.trafficPolicy.loadBalancer.consistentHash"),
                new Refused("B.7 a maglev table size that is not prime", policy("{loadBalancer: {consistentHash: "
                        + "{useSourceIp: true, maglev: {tableSize: 1000}}}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize"),
                new Refused("B.7 a warmup without duration", policy("{loadBalancer: {simple: ROUND_ROBIN, warmup: "
                        + "{minimumPercent: {value: 10}}}}"), Code.MISSING_FIELD,
                        "spec.trafficPolicy.loadBalancer.warmup.duration"),
                new Refused("B.8 distribute with failover", policy("{outlierDetection: {}, loadBalancer: "
                        + "{localityLbSetting: {distribute: [{from: ctx1/*, to: {ctx1/*: 100}}], failover: [{from: "
                        + "ctx1, to: ctx2}]}}}"), Code.CONFLICTING_FIELDS,
                        "spec.trafficPolicy.loadBalancer.localityLbSetting"),
                new Refused("B.8 distribute weights that do not total 100", policy("{loadBalancer: {localityLbSetting: "
                        + "{distribute: [{from: ctx1/*, to: {ctx1/*: 60, ctx2/*: 30}}]}}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to"),
                new Refused("B.8 a wildcard inside a locality", policy("{loadBalancer: {localityLbSetting: "
                        + "{distribute: [{from: 'ctx1/*/a', to: {ctx1/*: 100}}]}}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.loadBalancer.localityLbSetting.distribute"),
                new Refused("B.8 failover from a region to itself", policy("{outlierDetection: {}, loadBalancer: "
                        + "{localityLbSetting: {failover: [{from: ctx1, to: ctx1}]}}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0]"),
                new Refused("B.8 failover with a topology label in failoverPriority", policy("{outlierDetection: {}, "
                        + "loadBalancer: {localityLbSetting: {failover: [{from: ctx1, to: ctx2}], failoverPriority: "
                        + "[topology.kubernetes.io/region]}}}"), Code.CONFLICTING_FIELDS,
                        "spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority"),
                new Refused("B.9 MUTUAL without client certificate", policy("{tls: {mode: MUTUAL, privateKey: k}}"),
                        Code.INVALID_TLS_SETTINGS, "spec.trafficPolicy.tls.clientCertificate"),
                new Refused("B.9 credentialName with caCertificates", policy("{tls: {mode: SIMPLE, credentialName: c, "
                        + "caCertificates: ca}}"), Code.INVALID_TLS_SETTINGS, "spec.trafficPolicy.tls.credentialName"),
                new Refused("B.9 insecureSkipVerify with subjectAltNames", policy("{tls: {mode: SIMPLE, "
                        + "insecureSkipVerify: true, subjectAltNames: [a]}}"), Code.INVALID_TLS_SETTINGS,
                        "spec.trafficPolicy.tls.insecureSkipVerify"),
                new Refused("B.9 a configmap credential in another namespace", policy("{tls: {mode: SIMPLE, "
                        + "credentialName: 'configmap://other/ca'}}"), Code.INVALID_TLS_SETTINGS,
                        "spec.trafficPolicy.tls.credentialName"),
                new Refused("D.8 an unknown TLS mode", policy("{tls: {mode: STRICT}}"), Code.INVALID_VALUE,
                        "spec.trafficPolicy.tls.mode"),
                new Refused("B.10 a port-level policy without port", policy("{portLevelSettings: [{loadBalancer: "
                        + "{simple: RANDOM}}]}"), Code.MISSING_FIELD, "spec.trafficPolicy.portLevelSettings[0].port"),
                new Refused("B.10 a port-level policy with nothing", policy("{portLevelSettings: [{port: {number: "
                        + "80}}]}"), Code.EMPTY_POLICY, "spec.trafficPolicy.portLevelSettings[0]"),
                new Refused("B.11 a workloadSelector key with a wildcard", dr("workloadSelector: {matchLabels: "
                        + "{'app*': x}}"), Code.INVALID_VALUE, "spec.workloadSelector.matchLabels.app*"),
                new Refused("B.11 a workloadSelector rule exported elsewhere", dr("workloadSelector: {matchLabels: "
                        + "{app: x}}\nexportTo: [other]"), Code.INVALID_EXPORT_TO, "spec.exportTo"));
    }

    static List<Admitted> admitted() {
        return List.of(
                new Admitted("A.1.1 a delegate with http routes", vs("http: [{route: [{destination: {host: reviews}}]}]")),
                new Admitted("A.1.4 an IP literal host",
                        vs("hosts: [10.0.0.1]\nhttp: [{route: [{destination: {host: reviews}}]}]")),
                new Admitted("A.1.4 a partial wildcard first label",
                        vs("hosts: ['*foo.example.com']\nhttp: [{route: [{destination: {host: reviews}}]}]")),
                new Admitted("A.1.4 a trailing dot", vs("hosts: [istio.io.]\nhttp: [{route: [{destination: "
                        + "{host: reviews}}]}]")),
                new Admitted("A.1.5 host * on a gateway-only VirtualService", vs("hosts: ['*']\ngateways: [shop/gw]\n"
                        + "http: [{route: [{destination: {host: reviews}}]}]")),
                new Admitted("A.1.6 a short name and its FQDN are not literal duplicates", vs("hosts: [reviews, "
                        + "reviews.shop.svc.cluster.local]\nhttp: [{route: [{destination: {host: reviews}}]}]")),
                new Admitted("A.3.2 an empty uri prefix", http("""
                        - match: [{uri: {prefix: ""}}]
                          route: [{destination: {host: reviews}}]""")),
                new Admitted("A.3.2 an empty match block: validateHTTPRouteMatchRequest checks nothing in it and the "
                        + "CRD sets no minimum", http("""
                        - match: [{}]
                          route: [{destination: {host: reviews}}]""")),
                new Admitted("A.3.2 withoutHeaders regex * means present", http("""
                        - match: [{withoutHeaders: {x-a: {regex: "*"}}}]
                          route: [{destination: {host: reviews}}]""")),
                new Admitted("A.3.1 a pseudo-header match", http("""
                        - match: [{headers: {":authority": {exact: a}}}]
                          route: [{destination: {host: reviews}}]""")),
                new Admitted("A.4.1 a request set of host", route("headers: {request: {set: {host: b.example}}}")),
                new Admitted("A.4.2 %% and a complete %VAR% in a value",
                        route("headers: {response: {set: {x-a: '100%% %HOSTNAME% %START_TIME(%s)%'}}}")),
                new Admitted("A.5.2 status 600 passes despite the message", route("fault: {abort: {httpStatus: 600}}")),
                new Admitted("A.5.2 an abort without error type (the warning is dropped)",
                        route("fault: {abort: {percentage: {value: 50}}}")),
                new Admitted("A.5.3 percentage 0", route("fault: {abort: {httpStatus: 503, percentage: {value: 0}}}")),
                new Admitted("A.5.4 a delay with neither field", route("fault: {delay: {percentage: {value: 5}}}")),
                new Admitted("A.5.3 the deprecated integer delay.percent is not checked",
                        route("fault: {delay: {fixedDelay: 1s, percent: 150}}")),
                new Admitted("A.5.9 retryOn with a named numeric status",
                        route("retries: {attempts: 2, retryOn: '503,connect-failure,retriable-status-codes'}")),
                new Admitted("A.6.2 a subset name with upper case", http("- route: [{destination: {host: reviews, "
                        + "subset: V1}}]")),
                new Admitted("A.6.3 weights that do not sum to 100 (since 1.15)", http("""
                        - route:
                          - {destination: {host: reviews}, weight: 70}
                          - {destination: {host: ratings}, weight: 70}""")),
                new Admitted("A.6.3 a lone destination with weight 0", http("- route: [{destination: {host: reviews}, "
                        + "weight: 0}]")),
                new Admitted("B.1 host * and a namespace wildcard", dr("").replace("host: reviews",
                        "host: '*.shop.svc.cluster.local'") + "---\n" + dr("").replace("host: reviews", "host: '*'")
                        .replace("name: dr", "name: dr2")),
                new Admitted("B.4 a subset with upper case and no labels", dr("subsets: [{name: V1}]")),
                new Admitted("B.6 a tcp idleTimeout of 0s means disabled", policy("{connectionPool: {tcp: "
                        + "{idleTimeout: 0s}}}")),
                new Admitted("B.6 a tcp idleTimeout under 1ms counts as 0 (Go's Milliseconds() truncates)",
                        policy("{connectionPool: {tcp: {idleTimeout: 500us}}}")),
                new Admitted("B.10 a port number the webhook does not range-check", policy("{portLevelSettings: "
                        + "[{port: {number: 70000}, loadBalancer: {simple: RANDOM}}]}")),
                new Admitted("B.7 a prime maglev table", policy("{loadBalancer: {consistentHash: {useSourceIp: true, "
                        + "maglev: {tableSize: 65537}}}}")),
                new Admitted("C.8 exportTo . and *-free entries", vs("hosts: [reviews]\nexportTo: ['.', other]\n"
                        + "http: [{route: [{destination: {host: reviews}}]}]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void istioRefusesItAtTheField(Refused c) {
        LoadedConfig result = new MeshConfigLoader("shop").load(c.rule() + ".yaml", c.yaml());

        assertThat(result.diagnostics()).filteredOn(d -> d.code() == c.code())
                .extracting(Diagnostic::fieldPath).contains(c.fieldPath());
        assertThat(c.code().gate()).isEqualTo(Gate.ADMISSION);
        assertThat(result.hasErrors()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("admitted")
    void istioAdmitsIt(Admitted c) {
        LoadedConfig result = new MeshConfigLoader("shop").load(c.rule() + ".yaml", c.yaml());

        assertThat(result.diagnostics()).filteredOn(d -> d.code().gate() == Gate.ADMISSION).isEmpty();
    }
}
