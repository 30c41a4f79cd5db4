package io.theatermsa.mesh.route;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Envoy's weighted-cluster choice as a pure function (mesh-semantics §1.8): {@code random mod total} falls into one
 * destination's share, in YAML order. A lone destination takes all traffic whatever its weight; with several,
 * zero-weight destinations are dropped.
 */
public final class WeightedPicker<T> {

    private final List<T> choices;
    private final long[] upperBounds;
    private final long total;

    private WeightedPicker(List<T> choices, long[] upperBounds, long total) {
        this.choices = choices;
        this.upperBounds = upperBounds;
        this.total = total;
    }

    /**
     * @throws IllegalArgumentException when there is no choice, or several whose weights sum to 0 (validation
     *                                  refuses such routes first)
     */
    public static <T> WeightedPicker<T> of(List<T> items, ToIntFunction<T> weight) {
        if (items.size() == 1) {
            return new WeightedPicker<>(List.copyOf(items), new long[]{1}, 1);
        }
        List<T> kept = new ArrayList<>();
        List<Long> bounds = new ArrayList<>();
        long sum = 0;
        for (T item : items) {
            int w = weight.applyAsInt(item);
            if (w > 0) {
                sum += w;
                kept.add(item);
                bounds.add(sum);
            }
        }
        if (sum == 0) {
            throw new IllegalArgumentException("no destination with a positive weight among " + items.size());
        }
        return new WeightedPicker<>(List.copyOf(kept), bounds.stream().mapToLong(Long::longValue).toArray(), sum);
    }

    /** The choice {@code random} selects; any long works, negative ones included. */
    public T pick(long random) {
        long point = Math.floorMod(random, total);
        for (int i = 0; i < upperBounds.length; i++) {
            if (point < upperBounds[i]) {
                return choices.get(i);
            }
        }
        throw new IllegalStateException("unreachable: " + point + " >= " + total);
    }

    /** The choices that can be picked (zero-weight ones dropped), in YAML order. */
    public List<T> choices() {
        return choices;
    }
}
