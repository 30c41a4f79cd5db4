package io.theatermsa.mesh.config;

import java.util.List;
import java.util.Map;

/**
 * {@code headers:} of a route or destination: what to set, add and remove on the request and on the response.
 * Parsed now; applied by a later version of the emulator.
 */
public record HeaderOperations(Operations request, Operations response) {

    public static final HeaderOperations NONE = new HeaderOperations(Operations.NONE, Operations.NONE);

    public record Operations(Map<String, String> set, Map<String, String> add, List<String> remove) {

        public static final Operations NONE = new Operations(Map.of(), Map.of(), List.of());

        public Operations {
            set = Map.copyOf(set);
            add = Map.copyOf(add);
            remove = List.copyOf(remove);
        }
    }
}
