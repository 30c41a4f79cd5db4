package io.theatermsa.kubeapi;

import java.util.Arrays;
import java.util.Set;

/** Reads kube's media types with parameters in an Accept header ({@code application/json;as=Table;g=meta.k8s.io}). */
final class MediaRanges {

    private MediaRanges() {
    }

    /** Whether one media range of {@code accept} carries every parameter in {@code parameters} ({@code as=Table}). */
    static boolean accepts(String accept, String... parameters) {
        return Arrays.stream(accept.split(","))
                .map(range -> Set.of(range.replace(" ", "").split(";")))
                .anyMatch(range -> range.containsAll(Set.of(parameters)));
    }

    /** Whether kubectl asked for a server-side Table ({@code kubectl get} without {@code -o}). */
    static boolean wantsTable(String accept) {
        return accepts(accept, "as=Table", "g=meta.k8s.io", "v=v1") || accepts(accept, "as=Table", "g=meta.k8s.io",
                                                                              "v=v1beta1");
    }
}
