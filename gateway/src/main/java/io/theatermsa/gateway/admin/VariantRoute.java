package io.theatermsa.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.VirtualService;
import io.theatermsa.platform.http.ApiException;

import java.util.Map;

/**
 * The A/B test's routes in a service's VirtualService: a first route named {@value #NAME} whose {@code match} sends
 * variant B's requests (a header's exact value, or a cookie) to the subset selecting one cluster, while the default
 * route sends everyone else to the other cluster alone. Removing it takes the named route out again; the default
 * route stays as the test left it. Everything else is kept as written.
 */
public final class VariantRoute {

    /** The route's name, which the access log carries as {@code route}. */
    public static final String NAME = "ab-variant-b";

    private VariantRoute() {
    }

    /**
     * How a request shows it belongs to variant B.
     *
     * @param header a header name ({@code x-variant}), or {@code cookie} for a cookie
     * @param value  the header's exact value, or the cookie's {@code name=value} (letters, digits, {@code -_.})
     */
    public record Match(String header, String value) {

        /** A cookie {@code name=value}: Istio matches it with a regex over the {@code cookie} header. */
        public static Match cookie(String nameAndValue) {
            return new Match("cookie", nameAndValue);
        }

        boolean isCookie() {
            return header.equals("cookie");
        }

        /** The VirtualService {@code match} entry. */
        JsonNode json() {
            ObjectNode match = JsonNodeFactory.instance.objectNode();
            ObjectNode condition = match.putObject("headers").putObject(header);
            if (isCookie()) {
                condition.put("regex", "^(.*?;\\s*)?(" + value.replace(".", "\\.") + ")(;.*)?$");
            } else {
                condition.put("exact", value);
            }
            return match;
        }

        /** {@code x-variant: b} or {@code cookie variant=b}, as people read it. */
        public String text() {
            return isCookie() ? "cookie " + value : header + ": " + value;
        }
    }

    /** The edit adding (or replacing) variant B's route to {@code variantCluster}; the rest to {@code baseline}. */
    public static VirtualServiceEdit add(String service, Match match, String variantCluster, String baseline) {
        return new VirtualServiceEdit() {
            @Override
            public String description() {
                return "A/B " + service + " " + match.text() + " -> " + variantCluster + ", others -> " + baseline;
            }

            @Override
            public String rewrite(LoadedConfig config) {
                VirtualService vs = SplitWeights.owner(config, service)
                        .orElseThrow(() -> SplitWeights.noSplit(service, "no VirtualService for it"));
                ObjectNode spec = (ObjectNode) vs.rawSpec().deepCopy();
                ArrayNode http = (ArrayNode) spec.path("http");
                if (!http.isArray() || http.isEmpty()) {
                    throw SplitWeights.noSplit(service, "its VirtualService has no http routes");
                }
                withoutVariant(http);
                JsonNode defaultRoute = SplitWeights.defaultRoute(http);
                String host = defaultRoute.path("route").path(0).path("destination").path("host").asText(service);
                Map<String, String> subsets = SplitWeights.subsets(config, service);
                ObjectNode route = http.insertObject(0).put("name", NAME);
                route.putArray("match").add(match.json());
                route.putArray("route").addObject().putObject("destination").put("host", host)
                        .put("subset", subset(subsets, service, variantCluster));
                for (JsonNode destination : defaultRoute.path("route")) {
                    String cluster = subsets.getOrDefault(destination.path("destination").path("subset").asText(""), "");
                    ((ObjectNode) destination).put("weight", cluster.equals(baseline) ? 100 : 0);
                }
                if (defaultRoute.path("route").findValuesAsText("subset").stream()
                        .noneMatch(s -> baseline.equals(subsets.get(s)))) {
                    ((ArrayNode) defaultRoute.path("route")).addObject().put("weight", 100).putObject("destination")
                            .put("host", host).put("subset", subset(subsets, service, baseline));
                }
                return SplitWeights.yaml(config, vs, spec);
            }
        };
    }

    /** The edit taking variant B's route out of {@code service}'s VirtualService. */
    public static VirtualServiceEdit remove(String service) {
        return new VirtualServiceEdit() {
            @Override
            public String description() {
                return "A/B " + service + " ended";
            }

            @Override
            public String rewrite(LoadedConfig config) {
                VirtualService vs = SplitWeights.owner(config, service)
                        .orElseThrow(() -> SplitWeights.noSplit(service, "no VirtualService for it"));
                ObjectNode spec = (ObjectNode) vs.rawSpec().deepCopy();
                if (spec.path("http") instanceof ArrayNode http) {
                    withoutVariant(http);
                }
                return SplitWeights.yaml(config, vs, spec);
            }
        };
    }

    private static void withoutVariant(ArrayNode http) {
        for (int i = http.size() - 1; i >= 0; i--) {
            if (NAME.equals(http.get(i).path("name").asText())) {
                http.remove(i);
            }
        }
    }

    private static String subset(Map<String, String> subsets, String service, String cluster) {
        return subsets.entrySet().stream().filter(e -> e.getValue().equals(cluster)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> ApiException.conflict("no_subset_for_cluster", "no DestinationRule of "
                        + service + " defines a subset selecting " + cluster));
    }
}
