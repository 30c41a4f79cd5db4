package io.theatermsa.gateway;

import io.theatermsa.gateway.admin.AdminRoles;
import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.gateway.delivery.DecisionTimer;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.topology.Topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How to start the gateway ({@link GatewayApp#start}); build it with {@link #builder}.
 *
 * @param identity         the gateway's own identity (on its own responses only; proxied responses carry the
 *                         upstream's)
 * @param bindHost         address to bind, {@code 127.0.0.1} locally, {@code 0.0.0.0} in a container
 * @param port             port to bind, 0 for a free one
 * @param sidecar          the gateway's outbound sidecar; the caller owns it and closes it after the server
 * @param configuredSplits the current mesh configuration's splits, asked on every {@code /traffic-weights} read
 * @param mesh             the admin roles the mode offers, with the token changes need: what {@code /api/mesh},
 *                         {@code /api/faults}, {@code /api/load}, {@code /deployment-status} and {@code /topology}
 *                         read and change; empty: those endpoints answer 501
 * @param observer         told of every answer the proxy relays
 * @param topology         the services the gateway forwards to and the clusters it reports on
 * @param exercise         the student's current exercise, served at {@code /api/exercise} for the dashboard
 * @param canaryTimer      makes the time the canary engine's intervals follow (the wall clock; tests pass their own)
 */
public record GatewaySettings(WorkloadIdentity identity, String bindHost, int port, Sidecar sidecar,
                              Supplier<List<ConfiguredSplit>> configuredSplits, Optional<MeshAccess> mesh,
                              ProxyObserver observer, Topology topology, ExerciseProgress exercise,
                              Supplier<DecisionTimer> canaryTimer) {

    public GatewaySettings {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(sidecar, "sidecar");
        Objects.requireNonNull(configuredSplits, "configuredSplits");
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(canaryTimer, "canaryTimer");
    }

    /** Settings for {@code identity} sending through {@code sidecar}; the rest has defaults. */
    public static Builder builder(WorkloadIdentity identity, Sidecar sidecar) {
        return new Builder(identity, sidecar);
    }

    /** Defaults: loopback, port 0, no configured splits, no mesh access, no proxy observer, the bundled topology. */
    public static final class Builder {
        private final WorkloadIdentity identity;
        private final Sidecar sidecar;
        private String bindHost = "127.0.0.1";
        private int port;
        private Supplier<List<ConfiguredSplit>> configuredSplits = List::of;
        private MeshAccess mesh;
        private ProxyObserver observer = ProxyObserver.NONE;
        private Topology topology = Topology.bundled();
        private ExerciseProgress exercise = ExerciseProgress.NONE;
        private Supplier<DecisionTimer> canaryTimer = DecisionTimer::system;

        private Builder(WorkloadIdentity identity, Sidecar sidecar) {
            this.identity = identity;
            this.sidecar = sidecar;
        }

        public Builder bindHost(String bindHost) {
            this.bindHost = bindHost;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder configuredSplits(Supplier<List<ConfiguredSplit>> configuredSplits) {
            this.configuredSplits = configuredSplits;
            return this;
        }

        /** Serves {@code /api/mesh} and the other admin APIs from {@code roles}; changes need {@code token}. */
        public Builder mesh(AdminRoles roles, AdminToken token) {
            return mesh(new MeshAccess(roles, token));
        }

        /** Serves {@code /api/mesh} (and the deployment views) as {@code access} allows. */
        public Builder mesh(MeshAccess access) {
            this.mesh = access;
            return this;
        }

        /** Tells {@code observer} of every answer the proxy relays. */
        public Builder observer(ProxyObserver observer) {
            this.observer = observer;
            return this;
        }

        public Builder topology(Topology topology) {
            this.topology = topology;
            return this;
        }

        public Builder exercise(ExerciseProgress exercise) {
            this.exercise = exercise;
            return this;
        }

        /** The canary engine's decisions follow {@code timer} instead of the wall clock. */
        public Builder canaryTimer(DecisionTimer timer) {
            this.canaryTimer = () -> timer;
            return this;
        }

        public GatewaySettings build() {
            return new GatewaySettings(identity, bindHost, port, sidecar, configuredSplits, Optional.ofNullable(mesh),
                                       observer, topology, exercise, canaryTimer);
        }
    }
}
