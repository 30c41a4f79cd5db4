package io.theatermsa.mesh.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The findings about one VirtualService that come from its decoded model rather than from Istio's webhook
 * ({@link VirtualServiceAdmission} has those): delegates and gateway-only objects the emulator skips, routes after a
 * catch-all (mesh-semantics §1.1), empty match blocks and header spellings Envoy reads differently.
 */
final class VirtualServiceValidator {

    private static final Set<String> PSEUDO_HEADER_KEYS = Set.of("uri", "scheme", "method", "authority");

    private VirtualServiceValidator() {
    }

    static void validate(VirtualService vs, Diagnostics out) {
        ObjectMeta meta = vs.meta();
        if (vs.hosts().isEmpty()) {
            out.add(Code.NOT_EMULATED, meta, "spec.hosts", "a VirtualService without hosts is a delegate, which only"
                    + " a root VirtualService's 'delegate' uses; delegation is not emulated");
        }
        if (!vs.appliesToSidecars()) {
            out.add(Code.NOT_FOR_SIDECARS, meta, "spec.gateways",
                    "applies only to gateways " + vs.gateways() + ", not to sidecars ('mesh'); the emulator skips it");
        }
        int catchAll = -1;
        boolean behindMatchLess = false;
        for (HttpRoute route : vs.http()) {
            String path = "spec.http[" + route.index() + "]";
            for (int j = 0; j < route.match().size(); j++) {
                validateMatch(route.match().get(j), path + ".match[" + j + "]", meta, out);
            }
            if (catchAll >= 0) {
                out.add(Code.UNREACHABLE_ROUTE, meta, path, "route '" + route.displayName()
                        + "' can never match: http[" + catchAll + "] before it matches every request");
            } else if (!behindMatchLess && route.isCatchAll()) {
                // behind a rule without matches Istio's own warning (UNREACHABLE_RULE) says it
                behindMatchLess = route.match().isEmpty();
                catchAll = behindMatchLess ? -1 : route.index();
            }
        }
    }

    private static void validateMatch(HttpMatchRequest m, String path, ObjectMeta meta, Diagnostics out) {
        validateHeaders(m.headers(), path + ".headers", meta, out);
        validateHeaders(m.withoutHeaders(), path + ".withoutHeaders", meta, out);
    }

    private static void validateHeaders(Map<String, StringMatch> headers, String path, ObjectMeta meta,
                                        Diagnostics out) {
        headers.forEach((name, match) -> {
            String field = path + "." + name;
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                out.add(Code.UPPERCASE_HEADER_NAME, meta, field,
                        "header names must be lower-case; matched as '" + name.toLowerCase(Locale.ROOT) + "'");
            }
            if (PSEUDO_HEADER_KEYS.contains(name.toLowerCase(Locale.ROOT))) {
                out.add(Code.IGNORED_HEADER_KEY, meta, field,
                        "'" + name + "' is ignored inside headers; use the match block's own field");
            }
        });
    }
}
