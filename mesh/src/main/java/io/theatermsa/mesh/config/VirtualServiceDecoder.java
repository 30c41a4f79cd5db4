package io.theatermsa.mesh.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a VirtualService's {@code spec} to the model; type problems become diagnostics. */
final class VirtualServiceDecoder {

    private VirtualServiceDecoder() {
    }

    static VirtualService decode(SpecNode spec) {
        List<HttpRoute> http = new ArrayList<>();
        List<SpecNode> routes = spec.list("http");
        for (int i = 0; i < routes.size(); i++) {
            http.add(route(i, routes.get(i)));
        }
        return new VirtualService(spec.meta(), spec.strings("hosts"), spec.strings("gateways"),
                                  spec.strings("exportTo"), http, spec.raw());
    }

    private static HttpRoute route(int index, SpecNode r) {
        SpecNode mirrorPercentage = r.object("mirrorPercentage");
        return new HttpRoute(index, r.text("name"),
                r.list("match").stream().map(VirtualServiceDecoder::match).toList(),
                r.list("route").stream().map(VirtualServiceDecoder::routeDestination).toList(),
                redirect(r.object("redirect")), directResponse(r.object("directResponse")),
                fault(r.object("fault")), retries(r.object("retries")), r.duration("timeout"),
                destination(r.object("mirror")), mirrorPercentage == null ? null : mirrorPercentage.number("value"),
                headers(r.object("headers")),
                r.list("mirrors").stream()
                        .map(m -> new HttpMirror(destination(m.object("destination")), percentage(m)))
                        .toList());
    }

    private static HttpMatchRequest match(SpecNode m) {
        return new HttpMatchRequest(m.text("name"), stringMatch(m.object("uri")), stringMatch(m.object("scheme")),
                stringMatch(m.object("method")), stringMatch(m.object("authority")), stringMatches(m, "headers"),
                stringMatches(m, "withoutHeaders"), stringMatches(m, "queryParams"), m.bool("ignoreUriCase"),
                m.stringMap("sourceLabels"), m.text("sourceNamespace"), m.strings("gateways"), m.integer("port"));
    }

    private static Map<String, StringMatch> stringMatches(SpecNode m, String field) {
        Map<String, StringMatch> matches = new LinkedHashMap<>();
        m.objectMap(field).forEach((key, value) -> {
            SpecNode object = value.asObject();
            if (object != null) {
                matches.put(key, stringMatch(object));
            }
        });
        return matches;
    }

    static StringMatch stringMatch(SpecNode s) {
        if (s == null) {
            return null;
        }
        List<StringMatch> kinds = new ArrayList<>();
        if (s.has("exact")) {
            kinds.add(new StringMatch.Exact(s.text("exact")));
        }
        if (s.has("prefix")) {
            kinds.add(new StringMatch.Prefix(s.text("prefix")));
        }
        if (s.has("regex")) {
            kinds.add(new StringMatch.Regex(s.text("regex")));
        }
        if (kinds.size() > 1) {
            s.report(Code.AMBIGUOUS_STRING_MATCH, "", "set only one of exact, prefix and regex");
        }
        return kinds.isEmpty() ? new StringMatch.Present() : kinds.getFirst();
    }

    private static HttpRouteDestination routeDestination(SpecNode d) {
        return new HttpRouteDestination(destination(d.object("destination")), d.integer("weight"),
                                        headers(d.object("headers")));
    }

    static Destination destination(SpecNode d) {
        if (d == null) {
            return null;
        }
        SpecNode port = d.object("port");
        return new Destination(d.text("host"), d.text("subset"), port == null ? null : port.integer("number"));
    }

    private static HeaderOperations headers(SpecNode h) {
        if (h == null) {
            return HeaderOperations.NONE;
        }
        return new HeaderOperations(operations(h.object("request")), operations(h.object("response")));
    }

    private static HeaderOperations.Operations operations(SpecNode o) {
        if (o == null) {
            return HeaderOperations.Operations.NONE;
        }
        return new HeaderOperations.Operations(o.stringMap("set"), o.stringMap("add"), o.strings("remove"));
    }

    private static FaultInjection fault(SpecNode f) {
        if (f == null) {
            return null;
        }
        SpecNode d = f.object("delay");
        SpecNode a = f.object("abort");
        FaultInjection.Delay delay = d == null ? null : new FaultInjection.Delay(d.duration("fixedDelay"),
                percentage(d), d.integer("percent"), d.has("exponentialDelay"));
        FaultInjection.Abort abort = a == null ? null
                : new FaultInjection.Abort(a.integer("httpStatus"), a.text("grpcStatus"), percentage(a));
        return new FaultInjection(delay, abort);
    }

    private static Double percentage(SpecNode n) {
        SpecNode p = n.object("percentage");
        return p == null ? null : p.number("value");
    }

    private static HttpRetry retries(SpecNode r) {
        if (r == null) {
            return null;
        }
        return new HttpRetry(r.integer("attempts"), r.duration("perTryTimeout"), r.text("retryOn"),
                             r.bool("retryRemoteLocalities"), r.bool("retryIgnorePreviousHosts"));
    }

    private static HttpRedirect redirect(SpecNode r) {
        if (r == null) {
            return null;
        }
        return new HttpRedirect(r.text("uri"), r.text("authority"), r.integer("port"), r.text("scheme"),
                                r.integer("redirectCode"));
    }

    private static HttpDirectResponse directResponse(SpecNode r) {
        if (r == null) {
            return null;
        }
        return new HttpDirectResponse(r.integer("status"), body(r.object("body")));
    }

    /** {@code body.string} as UTF-8, else {@code body.bytes} (base64, as protobuf JSON writes bytes). */
    private static byte[] body(SpecNode body) {
        if (body == null) {
            return null;
        }
        String text = body.text("string");
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        String bytes = body.text("bytes");
        if (bytes == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(bytes);
        } catch (IllegalArgumentException e) {
            body.report(Code.INVALID_VALUE, "bytes", "is not valid base64: " + e.getMessage());
            return null;
        }
    }
}
