package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The discovery documents kubectl reads before anything else: aggregated ({@code apidiscovery.k8s.io/v2}, one
 * answer for {@code /api} and one for {@code /apis}) when its Accept asks for them, legacy ({@code APIVersions},
 * {@code APIGroupList}, one {@code APIResourceList} per group-version) otherwise, and {@code /version}.
 */
final class Discovery {

    /** The Content-Type kubectl requires to read an answer as aggregated discovery (kube-api.md 1.2). */
    static final String AGGREGATED_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private Discovery() {
    }

    static boolean wantsAggregated(String accept) {
        return MediaRanges.accepts(accept, "as=APIGroupDiscoveryList", "g=apidiscovery.k8s.io", "v=v2");
    }

    /** {@code /version}: a 1.32 server, so kubectl 1.31–1.33 prints no skew warning. */
    static ObjectNode version() {
        ObjectNode v = JsonMappers.MAPPER.createObjectNode();
        v.put("major", "1").put("minor", "32").put("gitVersion", "v1.32.5-theater")
                .put("gitCommit", "theater").put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
                .put("goVersion", "go1.23").put("compiler", "gc").put("platform", "linux/amd64");
        return v;
    }

    /** Aggregated discovery for the core group ({@code core == true}, {@code /api}) or the named groups. */
    static ObjectNode aggregated(boolean core) {
        ObjectNode list = JsonMappers.MAPPER.createObjectNode();
        list.put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (Map.Entry<String, List<ResourceType>> group : ServedTypes.byGroup().entrySet()) {
            if (group.getKey().isEmpty() != core) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.putObject("metadata").put("name", group.getKey());
            ArrayNode versions = item.putArray("versions");
            for (String version : ServedTypes.versionsOf(group.getKey())) {
                ObjectNode v = versions.addObject();
                v.put("version", version);
                ArrayNode resources = v.putArray("resources");
                for (ResourceType type : group.getValue()) {
                    ObjectNode r = resources.addObject();
                    r.put("resource", type.plural()).put("singularResource", type.singular())
                            .put("scope", type.namespaced() ? "Namespaced" : "Cluster");
                    r.putObject("responseKind").put("group", type.group()).put("version", version)
                            .put("kind", type.kind());
                    strings(r.putArray("verbs"), type.verbs());
                    if (!type.shortNames().isEmpty()) {
                        strings(r.putArray("shortNames"), type.shortNames());
                    }
                    if (!type.categories().isEmpty()) {
                        strings(r.putArray("categories"), type.categories());
                    }
                    if (!type.subresources().isEmpty()) {
                        ArrayNode subresources = r.putArray("subresources");
                        for (ResourceType.Subresource sub : type.subresources()) {
                            ObjectNode entry = subresources.addObject();
                            entry.put("subresource", sub.name());
                            entry.putObject("responseKind").put("group", sub.group()).put("version", sub.version())
                                    .put("kind", sub.kind());
                            strings(entry.putArray("verbs"), sub.verbs());
                        }
                    }
                }
                v.put("freshness", "Current");
            }
        }
        return list;
    }

    /** {@code /api} in the legacy format. */
    static ObjectNode apiVersions(String serverAddress) {
        ObjectNode versions = JsonMappers.MAPPER.createObjectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return versions;
    }

    /** {@code /apis} in the legacy format. */
    static ObjectNode apiGroupList() {
        ObjectNode list = JsonMappers.MAPPER.createObjectNode();
        list.put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String group : ServedTypes.byGroup().keySet()) {
            if (group.isEmpty()) {
                continue;
            }
            ObjectNode g = groups.addObject();
            g.put("name", group);
            ArrayNode versions = g.putArray("versions");
            List<String> served = ServedTypes.versionsOf(group);
            served.forEach(v -> versions.addObject().put("groupVersion", group + "/" + v).put("version", v));
            g.putObject("preferredVersion").put("groupVersion", group + "/" + served.getFirst())
                    .put("version", served.getFirst());
        }
        return list;
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}: the resources of one group-version. */
    static ObjectNode resourceList(String group, String version) {
        ObjectNode list = JsonMappers.MAPPER.createObjectNode();
        list.put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        ServedTypes.ALL.stream().filter(t -> t.group().equals(group) && t.versions().contains(version)).forEach(t -> {
            ObjectNode r = resources.addObject();
            r.put("name", t.plural()).put("singularName", t.singular()).put("namespaced", t.namespaced())
                    .put("kind", t.kind());
            strings(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                strings(r.putArray("categories"), t.categories());
            }
            for (ResourceType.Subresource sub : t.subresources()) {
                ObjectNode entry = resources.addObject();
                entry.put("name", t.plural() + "/" + sub.name()).put("singularName", "")
                        .put("namespaced", t.namespaced()).put("group", sub.group()).put("version", sub.version())
                        .put("kind", sub.kind());
                strings(entry.putArray("verbs"), sub.verbs());
            }
        });
        return list;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
