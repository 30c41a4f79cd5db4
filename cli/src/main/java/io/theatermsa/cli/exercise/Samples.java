package io.theatermsa.cli.exercise;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The requests one check sent, in the order they were started, and the summaries checks speak in.
 *
 * @param path    what was asked for
 * @param samples the answers
 */
public record Samples(String path, List<Sample> samples) {

    public Samples {
        samples = List.copyOf(samples);
    }

    public int size() {
        return samples.size();
    }

    public long count(Predicate<Sample> which) {
        return samples.stream().filter(which).count();
    }

    /** The share of answers (0..1) that came from {@code cluster}. */
    public double share(String cluster) {
        return samples.isEmpty() ? 0 : (double) count(s -> s.cluster().equals(cluster)) / samples.size();
    }

    /** The last {@code n} samples: what the mesh does once it has reacted. */
    public Samples last(int n) {
        return new Samples(path, samples.subList(Math.max(0, samples.size() - n), samples.size()));
    }

    /** {@code 200@ctx1 ×63, 200@ctx2 ×27, 503@none ×10}. */
    public String summary() {
        Map<String, Long> counts = samples.stream().collect(Collectors.groupingBy(
                s -> (s.status() < 0 ? "no answer" : String.valueOf(s.status())) + "@" + s.cluster(),
                TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** {@code GET /users/ ×90: 200@ctx1 ×80, ...}. */
    public String describe() {
        return "GET " + path + " ×" + size() + ": " + summary();
    }

    public static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
