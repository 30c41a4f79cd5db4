package io.theatermsa.mesh.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code match} block of an HTTP route; its fields are AND-ed (mesh-semantics §1.1). {@code null} means the
 * field is absent; an absent map is empty.
 */
public record HttpMatchRequest(String name, StringMatch uri, StringMatch scheme, StringMatch method,
                               StringMatch authority, Map<String, StringMatch> headers,
                               Map<String, StringMatch> withoutHeaders, Map<String, StringMatch> queryParams,
                               Boolean ignoreUriCase, Map<String, String> sourceLabels, String sourceNamespace,
                               List<String> gateways, Integer port) {

    public HttpMatchRequest {
        headers = Map.copyOf(headers);
        withoutHeaders = Map.copyOf(withoutHeaders);
        queryParams = Map.copyOf(queryParams);
        sourceLabels = Map.copyOf(sourceLabels);
        gateways = List.copyOf(gateways);
    }

    /**
     * True when the block matches every request: no condition but a {@code uri} of {@code prefix: /} or
     * {@code regex: ".*"}, or none at all (an empty block {@code {}}, which Istio admits and translates to Envoy's
     * prefix {@code /}). Istio stops generating routes after such a block (mesh-semantics §1.1; istio/istio
     * {@code TranslateRouteMatch}, {@code IsCatchAllRoute}).
     */
    public boolean isCatchAll() {
        boolean anyUri = uri == null || uri instanceof StringMatch.Prefix(String p) && p.equals("/")
                || uri instanceof StringMatch.Regex(String r) && r.equals(".*");
        return anyUri && scheme == null && method == null && authority == null && headers.isEmpty()
                && withoutHeaders.isEmpty() && queryParams.isEmpty() && sourceLabels.isEmpty()
                && sourceNamespace == null && gateways.isEmpty() && port == null;
    }
}
