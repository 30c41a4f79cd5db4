package io.theatermsa.mesh.config;

/**
 * Which hosts some workload serves, for the "destination host nobody serves" warning (KIA1101). The local
 * endpoint registry is one; a loader without a catalogue skips that check.
 */
@FunctionalInterface
public interface ServiceCatalog {

    boolean serves(HostName host);
}
