package io.theatermsa.benchmarks.proxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The upstreams of the reference proxy and their weights, spread over the turns as nginx's smooth weighted
 * round-robin spreads them: a cycle of {@code Σ weight ÷ gcd} turns in which each upstream has {@code weight ÷ gcd}.
 */
public final class WeightedUpstreams {

    /** One upstream server. */
    public record Upstream(String host, int port) {
    }

    private final List<Upstream> cycle;

    private WeightedUpstreams(List<Upstream> cycle) {
        this.cycle = List.copyOf(cycle);
    }

    /** From {@code HOST:PORT} or {@code HOST:PORT=WEIGHT} (weight 1 to 100; 0 leaves the upstream out). */
    public static WeightedUpstreams parse(List<String> specs) {
        List<Upstream> upstreams = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (String spec : specs) {
            String[] weighted = spec.split("=", 2);
            int weight = weighted.length == 2 ? number(weighted[1], 0, 100, spec) : 1;
            int colon = weighted[0].lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not HOST:PORT[=WEIGHT]: " + spec);
            }
            if (weight > 0) {
                upstreams.add(new Upstream(weighted[0].substring(0, colon),
                                           number(weighted[0].substring(colon + 1), 1, 65535, spec)));
                weights.add(weight);
            }
        }
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("no upstream with a weight above 0");
        }
        int gcd = weights.stream().reduce(0, WeightedUpstreams::gcd);
        int[] weight = weights.stream().mapToInt(w -> w / gcd).toArray();
        int total = Arrays.stream(weight).sum();
        // nginx's smooth weighted round-robin (ngx_http_upstream_get_peer): every turn each upstream gains its
        // weight, the one with the most is picked and loses the total. It repeats after `total` turns.
        int[] current = new int[weight.length];
        List<Upstream> cycle = new ArrayList<>();
        for (int turn = 0; turn < total; turn++) {
            int best = 0;
            for (int i = 0; i < weight.length; i++) {
                current[i] += weight[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            cycle.add(upstreams.get(best));
        }
        return new WeightedUpstreams(cycle);
    }

    /** The upstream of turn {@code turn} (any non-negative count). */
    public Upstream pick(long turn) {
        return cycle.get((int) (turn % cycle.size()));
    }

    int cycleLength() {
        return cycle.size();
    }

    static int number(String text, int min, int max, String spec) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a number from " + min + " to " + max + " in " + spec);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
