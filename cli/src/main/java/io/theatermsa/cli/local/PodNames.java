package io.theatermsa.cli.local;

import java.util.random.RandomGenerator;

/** Pod-like names, {@code <service>-<cluster>-<replicaset hash>-<pod suffix>}, as a Deployment would give. */
final class PodNames {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final RandomGenerator random;

    PodNames(RandomGenerator random) {
        this.random = random;
    }

    String next(String service, String cluster) {
        return service + "-" + cluster + "-" + randomText(10) + "-" + randomText(5);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
