package io.theatermsa.gateway.admin;

import java.util.Objects;
import java.util.Optional;

/**
 * What the running mode offers the gateway's admin APIs, role by role: reading the mesh state always, the other
 * roles when the mode has them (the HTTP layer answers 501 for an absent one). Build it with {@link #builder}.
 *
 * @param state         the mesh state
 * @param configuration scenarios, weights and rollback
 * @param faults        service-level faults
 * @param partitions    network partitions between the clusters
 * @param loadRuns      load runs against the gateway
 */
public record AdminRoles(MeshState state, Optional<MeshConfiguration> configuration, Optional<ServiceFaults> faults,
                         Optional<Partitions> partitions, Optional<LoadRuns> loadRuns) {

    public AdminRoles {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(loadRuns, "loadRuns");
    }

    /** Roles reading {@code state}; add the others the mode has. */
    public static Builder builder(MeshState state) {
        return new Builder(state);
    }

    /** Starts with the mesh state alone. */
    public static final class Builder {
        private final MeshState state;
        private MeshConfiguration configuration;
        private ServiceFaults faults;
        private Partitions partitions;
        private LoadRuns loadRuns;

        private Builder(MeshState state) {
            this.state = state;
        }

        public Builder configuration(MeshConfiguration configuration) {
            this.configuration = configuration;
            return this;
        }

        public Builder faults(ServiceFaults faults) {
            this.faults = faults;
            return this;
        }

        public Builder partitions(Partitions partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder loadRuns(LoadRuns loadRuns) {
            this.loadRuns = loadRuns;
            return this;
        }

        public AdminRoles build() {
            return new AdminRoles(state, Optional.ofNullable(configuration), Optional.ofNullable(faults),
                                  Optional.ofNullable(partitions), Optional.ofNullable(loadRuns));
        }
    }
}
