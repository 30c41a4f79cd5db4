package io.theatermsa.mesh;

import io.theatermsa.mesh.config.LoadedConfig;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One cluster's istiod: holds the mesh snapshot the emulated sidecars of that cluster read, and swaps in a new one
 * atomically when configuration is applied. A configuration with any error is refused whole and the running
 * snapshot stays. In a multi-primary mesh each cluster has its own control plane, fed only with that cluster's
 * objects (multicluster.md §2); they share the mesh's {@link NetworkPartitions}, which every sidecar built on any of
 * them consults per attempt, because a partition is a fact of the network, not of configuration.
 */
public final class MeshControlPlane {

    private static final System.Logger LOG = System.getLogger(MeshControlPlane.class.getName());

    private final AtomicReference<MeshSnapshot> current = new AtomicReference<>(MeshSnapshot.empty());
    private final CopyOnWriteArrayList<Consumer<MeshSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final NetworkPartitions partitions;

    /** A control plane alone in its mesh, with partitions of its own. */
    public MeshControlPlane() {
        this(new NetworkPartitions());
    }

    /** A cluster's control plane in a mesh whose network cuts are {@code partitions}, shared with the others. */
    public MeshControlPlane(NetworkPartitions partitions) {
        this.partitions = Objects.requireNonNull(partitions, "partitions");
    }

    /** The snapshot in force. */
    public MeshSnapshot current() {
        return current.get();
    }

    /**
     * The network cuts between the emulated clusters (multicluster.md §11); not part of the snapshot, so cutting
     * or healing never recompiles configuration and is in force for every sidecar's next attempt.
     */
    public NetworkPartitions partitions() {
        return partitions;
    }

    /**
     * Compiles {@code config} and puts it in force, then tells the listeners; refuses it when it has an error.
     * Applications are serialised so generations increase in order.
     */
    public synchronized ApplyResult apply(LoadedConfig config) {
        if (config.hasErrors()) {
            return new ApplyResult(false, current.get(), config.diagnostics());
        }
        MeshSnapshot next = MeshSnapshot.compile(config, current.get().generation() + 1);
        current.set(next);
        for (Consumer<MeshSnapshot> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "mesh snapshot listener failed", e);
            }
        }
        return new ApplyResult(true, next, config.diagnostics());
    }

    /** Calls {@code listener} with every snapshot applied from now on, on the applying thread. */
    public Subscription onChange(Consumer<MeshSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
