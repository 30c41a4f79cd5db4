package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.HeaderOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Envoy header parser: the {@code headers_to_remove} and {@code headers_to_add} Istio writes for one level
 * (route or destination) and one direction (mesh-semantics §1.10). Removes run first, then the additions in
 * order: Istio lists every {@code set} ({@code OVERWRITE_IF_EXISTS_OR_ADD}) before every {@code add}
 * ({@code APPEND_IF_EXISTS_OR_ADD}), each by header name. An append to a present header joins the values with
 * {@code ,}, as Envoy's {@code appendCopy} does.
 *
 * @param remove header names to remove, lower-case
 * @param values the values to write, in order
 */
public record HeaderMutation(List<String> remove, List<Value> values) {

    public static final HeaderMutation NONE = new HeaderMutation(List.of(), List.of());

    /** One {@code headers_to_add} entry; {@code append} false overwrites. */
    public record Value(String name, String value, boolean append) {
    }

    public HeaderMutation {
        remove = List.copyOf(remove);
        values = List.copyOf(values);
    }

    /** Istio's translation of one {@code headers.request} or {@code headers.response} block. */
    static HeaderMutation compile(HeaderOperations.Operations ops) {
        if (ops.equals(HeaderOperations.Operations.NONE)) {
            return NONE;
        }
        List<Value> values = new ArrayList<>();
        new TreeMap<>(ops.set()).forEach((name, value) -> values.add(new Value(lower(name), value, false)));
        new TreeMap<>(ops.add()).forEach((name, value) -> values.add(new Value(lower(name), value, true)));
        return new HeaderMutation(ops.remove().stream().map(HeaderMutation::lower).toList(), values);
    }

    /** One parser holding both lists, as Istio merges a single destination's headers into its route's. */
    HeaderMutation then(HeaderMutation next) {
        if (next.equals(NONE)) {
            return this;
        }
        if (equals(NONE)) {
            return next;
        }
        List<String> removes = new ArrayList<>(remove);
        removes.addAll(next.remove);
        List<Value> all = new ArrayList<>(values);
        all.addAll(next.values);
        return new HeaderMutation(removes, all);
    }

    /** Applies the mutation to {@code headers}, a case-insensitive map of header name to values. */
    public void applyTo(Map<String, List<String>> headers) {
        remove.forEach(headers::remove);
        for (Value v : values) {
            List<String> present = headers.get(v.name());
            headers.put(v.name(), List.of(v.append() && present != null && !present.isEmpty()
                    ? String.join(",", present) + "," + v.value() : v.value()));
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
