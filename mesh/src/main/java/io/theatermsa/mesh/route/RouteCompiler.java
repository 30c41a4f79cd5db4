package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.Destination;
import io.theatermsa.mesh.config.HeaderOperations;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.HttpDirectResponse;
import io.theatermsa.mesh.config.HttpMirror;
import io.theatermsa.mesh.config.HttpRedirect;
import io.theatermsa.mesh.config.HttpMatchRequest;
import io.theatermsa.mesh.config.HttpRoute;
import io.theatermsa.mesh.config.HttpRouteDestination;
import io.theatermsa.mesh.config.StringMatch;
import io.theatermsa.mesh.config.VirtualService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Translates a validated VirtualService into the route table sidecars use, as Istio's
 * {@code BuildHTTPRoutesForVirtualService} does: one matcher per match block, regexes compiled now, match blocks
 * for gateways other than {@code mesh} dropped, and nothing generated after a catch-all route (mesh-semantics §1.1).
 */
public final class RouteCompiler {

    private RouteCompiler() {
    }

    public static RouteTable compile(VirtualService vs) {
        String namespace = vs.meta().namespace();
        List<Route> routes = new ArrayList<>();
        for (HttpRoute http : vs.http()) {
            List<HttpMatchRequest> blocks = http.match().stream().filter(m -> appliesToMesh(m, vs)).toList();
            if (!http.match().isEmpty() && blocks.isEmpty()) {
                continue;
            }
            routes.add(new Route(vs.meta().key(), http.displayName(),
                                 blocks.stream().map(RouteCompiler::matcher).toList(), action(http),
                                 http.route().stream().map(d -> destination(d, namespace)).toList(),
                                 HeaderActions.compile(http.headers()), mirrors(http, namespace),
                                 FaultPolicy.compile(http.fault()), RetryPolicy.compile(http.retries()),
                                 http.timeout() == null ? Duration.ZERO : http.timeout()));
            if (http.isCatchAll()) {
                break;
            }
        }
        return new RouteTable(vs.meta().key(), routes);
    }

    /** Validation allows only one of route, redirect and directResponse (mesh-semantics §1.10). */
    private static RouteAction action(HttpRoute http) {
        HttpRedirect r = http.redirect();
        if (r != null) {
            return new RouteAction.Redirect(Objects.requireNonNullElse(r.uri(), ""),
                    Objects.requireNonNullElse(r.authority(), ""), Objects.requireNonNullElse(r.port(), 0),
                    Objects.requireNonNullElse(r.scheme(), ""), Objects.requireNonNullElse(r.redirectCode(), 301));
        }
        HttpDirectResponse d = http.directResponse();
        if (d != null) {
            return new RouteAction.DirectResponse(d.status(), d.body() == null ? new byte[0] : d.body());
        }
        return new RouteAction.Forward();
    }

    /** {@code mirror} with {@code mirrorPercentage}, then each of {@code mirrors} with its own percentage. */
    private static List<MirrorPolicy> mirrors(HttpRoute http, String namespace) {
        List<MirrorPolicy> mirrors = new ArrayList<>();
        if (http.mirror() != null) {
            mirrors.add(new MirrorPolicy(destination(http.mirror(), 0, null, namespace),
                                         MirrorPolicy.percentage(http.mirrorPercentage())));
        }
        for (HttpMirror m : http.mirrors()) {
            mirrors.add(new MirrorPolicy(destination(m.destination(), 0, null, namespace),
                                         MirrorPolicy.percentage(m.percentage())));
        }
        return mirrors;
    }

    private static boolean appliesToMesh(HttpMatchRequest m, VirtualService vs) {
        return m.gateways().isEmpty() ? vs.appliesToSidecars() : m.gateways().contains(VirtualService.MESH_GATEWAY);
    }

    private static RequestMatcher matcher(HttpMatchRequest m) {
        boolean ignoreCase = Boolean.TRUE.equals(m.ignoreUriCase());
        List<Condition> conditions = new ArrayList<>();
        if (m.uri() != null) {
            conditions.add(new Condition.Uri(StringMatcher.compile(m.uri(), ignoreCase)));
        }
        if (m.method() != null) {
            conditions.add(new Condition.Method(StringMatcher.compile(m.method(), false)));
        }
        if (m.authority() != null) {
            conditions.add(new Condition.Authority(StringMatcher.compile(m.authority(), false)));
        }
        if (m.scheme() != null) {
            conditions.add(new Condition.Scheme(StringMatcher.compile(m.scheme(), false)));
        }
        m.headers().forEach((name, match) -> {
            if (!isPseudoHeaderKey(name)) {
                conditions.add(new Condition.Header(name.toLowerCase(Locale.ROOT), StringMatcher.compile(match, false)));
            }
        });
        m.withoutHeaders().forEach((name, match) -> {
            if (!isPseudoHeaderKey(name)) {
                conditions.add(new Condition.WithoutHeader(name.toLowerCase(Locale.ROOT),
                                                           StringMatcher.compile(match, false)));
            }
        });
        m.queryParams().forEach((name, match) ->
                conditions.add(new Condition.QueryParam(name, StringMatcher.compile(match, false))));
        if (!m.sourceLabels().isEmpty()) {
            conditions.add(new Condition.SourceLabels(m.sourceLabels()));
        }
        if (m.sourceNamespace() != null) {
            conditions.add(new Condition.SourceNamespace(m.sourceNamespace()));
        }
        if (m.port() != null) {
            conditions.add(new Condition.Port(m.port()));
        }
        return new RequestMatcher(conditions);
    }

    /** {@code uri}, {@code scheme}, {@code method} and {@code authority} are ignored inside headers (§1.4). */
    private static boolean isPseudoHeaderKey(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "uri", "scheme", "method", "authority" -> true;
            default -> false;
        };
    }

    private static RouteDestination destination(HttpRouteDestination d, String namespace) {
        return destination(d.destination(), d.weight() == null ? 0 : d.weight(), d.headers(), namespace);
    }

    private static RouteDestination destination(Destination d, int weight, HeaderOperations headers,
                                                String namespace) {
        return new RouteDestination(HostName.of(d.host(), namespace), d.subset() == null ? "" : d.subset(),
                                    d.port() == null ? 0 : d.port(), weight, HeaderActions.compile(headers));
    }
}
