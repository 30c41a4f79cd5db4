package io.theatermsa.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.config.DestinationRule;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.ObjectMeta;
import io.theatermsa.mesh.config.Subset;
import io.theatermsa.mesh.config.VirtualService;
import io.theatermsa.platform.http.ApiException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites one service's split: the default route of its VirtualService (the route {@code ConfiguredSplit}
 * describes: the first without {@code match}, else the last) gets the asked weight on the destination whose subset
 * selects each cluster. A cluster no destination selects gets a new destination to the DestinationRule's subset
 * for it; destinations that select no asked cluster get weight 0. Everything else is kept as written (the raw
 * specs), and the whole configuration comes back as YAML for the mesh loader to validate again.
 */
public final class SplitWeights {

    /** The error code of a service without a VirtualService split route to edit. */
    public static final String NO_SPLIT_ROUTE = "no_split_route";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SplitWeights() {
    }

    /** The edit giving {@code service}'s default split route {@code weights}, as {@link #rewrite} makes it. */
    public static VirtualServiceEdit edit(String service, Map<String, Integer> weights) {
        return new VirtualServiceEdit() {
            @Override
            public String description() {
                return "weights " + service + " " + weights;
            }

            @Override
            public String rewrite(LoadedConfig config) {
                return SplitWeights.rewrite(config, service, weights);
            }
        };
    }

    /**
     * The configuration {@code config} with {@code service}'s split set to {@code weights}, as a YAML stream.
     *
     * @throws ApiException 409 {@code no_split_route} when the service has no VirtualService route to edit, or
     *                      {@code no_subset_for_cluster} when a cluster with weight has no subset to send to
     */
    public static String rewrite(LoadedConfig config, String service, Map<String, Integer> weights) {
        VirtualService vs = owner(config, service).orElseThrow(() -> noSplit(service, "no VirtualService for it"));
        ObjectNode spec = (ObjectNode) vs.rawSpec();
        JsonNode http = spec.path("http");
        if (!http.isArray() || http.isEmpty()) {
            throw noSplit(service, "its VirtualService " + vs.meta().key() + " has no http routes");
        }
        JsonNode route = defaultRoute((ArrayNode) http);
        if (!(route.path("route") instanceof ArrayNode destinations) || destinations.isEmpty()) {
            throw noSplit(service, "the default route of " + vs.meta().key() + " has no destinations");
        }
        Map<String, String> clusterOfSubset = subsets(config, service);
        Set<String> done = new HashSet<>();
        for (JsonNode destination : destinations) {
            String subset = destination.path("destination").path("subset").asText("");
            String cluster = clusterOfSubset.getOrDefault(subset, "");
            boolean asked = weights.containsKey(cluster) && done.add(cluster);
            ((ObjectNode) destination).put("weight", asked ? weights.get(cluster) : 0);
        }
        String host = destinations.get(0).path("destination").path("host").asText(service);
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            if (done.contains(entry.getKey()) || entry.getValue() == 0) {
                continue;
            }
            String subset = clusterOfSubset.entrySet().stream().filter(e -> e.getValue().equals(entry.getKey()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> ApiException.conflict("no_subset_for_cluster", "no DestinationRule of "
                            + service + " defines a subset selecting " + entry.getKey()));
            ObjectNode added = destinations.addObject();
            added.putObject("destination").put("host", host).put("subset", subset);
            added.put("weight", entry.getValue());
        }
        return yaml(config, vs, spec);
    }

    /** The VirtualService that owns {@code service} for sidecars: the oldest, then by name (as the mesh picks). */
    static Optional<VirtualService> owner(LoadedConfig config, String service) {
        return config.virtualServices().stream()
                .filter(VirtualService::appliesToSidecars)
                .filter(vs -> vs.hosts().stream().anyMatch(h -> sameService(HostName.of(h, vs.meta().namespace()),
                                                                             service)))
                .min(Comparator.comparing(VirtualService::meta, ObjectMeta.ISTIO_ORDER));
    }

    private static boolean sameService(HostName host, String service) {
        return host.service().equals(service);
    }

    static JsonNode defaultRoute(ArrayNode http) {
        for (JsonNode route : http) {
            if (!route.has("match") || route.path("match").isEmpty()) {
                return route;
            }
        }
        return http.get(http.size() - 1);
    }

    /** Subset name → the cluster its labels pin, over the service's DestinationRules (first definition wins). */
    static Map<String, String> subsets(LoadedConfig config, String service) {
        Map<String, String> clusters = new LinkedHashMap<>();
        for (DestinationRule rule : config.destinationRules()) {
            if (!sameService(rule.hostName(), service)) {
                continue;
            }
            for (Subset subset : rule.subsets()) {
                String cluster = subset.labels().getOrDefault(Endpoint.CLUSTER_LABEL,
                        subset.labels().getOrDefault(Endpoint.ISTIO_CLUSTER_LABEL, ""));
                if (!cluster.isEmpty()) {
                    clusters.putIfAbsent(subset.name(), cluster);
                }
            }
        }
        return clusters;
    }

    static String yaml(LoadedConfig config, VirtualService edited, JsonNode editedSpec) {
        List<String> documents = new ArrayList<>();
        for (VirtualService vs : config.virtualServices()) {
            documents.add(document(vs.meta(), vs == edited ? editedSpec : vs.rawSpec()));
        }
        for (DestinationRule dr : config.destinationRules()) {
            documents.add(document(dr.meta(), dr.rawSpec()));
        }
        return String.join("\n---\n", documents) + "\n";
    }

    private static String document(ObjectMeta meta, JsonNode spec) {
        ObjectNode object = MAPPER.createObjectNode();
        object.put("apiVersion", "networking.istio.io/v1").put("kind", meta.kind());
        ObjectNode metadata = object.putObject("metadata").put("name", meta.name()).put("namespace", meta.namespace());
        if (meta.creationTimestamp() != null) {
            metadata.put("creationTimestamp", meta.creationTimestamp().toString());
        }
        object.set("spec", spec);
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed spec is always writable", e);
        }
    }

    static ApiException noSplit(String service, String why) {
        return ApiException.conflict(NO_SPLIT_ROUTE, "there is no VirtualService split route of " + service
                + " to edit: " + why + " (apply a scenario that routes it, e.g. k8s/practice/01-initial)");
    }
}
