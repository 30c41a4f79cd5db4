package io.theatermsa.mesh.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One destination of a VirtualService's {@code http}, {@code tcp} or {@code tls} rule, as written, with where it
 * is: what Kiali's route checkers (KIA1101, KIA1104, KIA1105, KIA1107) walk.
 *
 * @param rulePath  e.g. {@code spec.tcp[0]}
 * @param path      e.g. {@code spec.tcp[0].route[1]}
 * @param routeSize how many destinations the rule has
 * @param weight    {@code null} when absent
 */
record RouteDestinationRef(String rulePath, String path, int routeSize, String host, String subset, Long weight) {

    static List<RouteDestinationRef> of(VirtualService vs) {
        RawField spec = new RawField(vs.rawSpec(), "spec");
        List<RouteDestinationRef> out = new ArrayList<>();
        for (String kind : List.of("http", "tcp", "tls")) {
            for (RawField rule : spec.items(kind)) {
                List<RawField> route = rule.items("route");
                for (RawField d : route) {
                    RawField destination = d.at("destination");
                    String host = destination == null ? null : destination.text("host");
                    if (host != null && !host.isBlank()) {
                        out.add(new RouteDestinationRef(rule.path(), d.path(), route.size(), host,
                                destination.text("subset"), d.integer("weight")));
                    }
                }
            }
        }
        return out;
    }

    /** The host as Kiali resolves it against the VirtualService's namespace (istio-validation.md E.1.2). */
    HostName hostName(String namespace) {
        return HostName.of(host, namespace);
    }
}
