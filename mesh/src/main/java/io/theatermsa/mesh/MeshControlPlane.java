package io.theatermsa.mesh;

import io.theatermsa.mesh.config.LoadedConfig;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The local istiod: holds the mesh snapshot every emulated sidecar reads, and swaps in a new one atomically when
 * configuration is applied. A configuration with any error is refused whole and the running snapshot stays. It
 * also holds the mesh's {@link NetworkPartitions}, which every sidecar built on it consults per attempt.
 */
public final class MeshControlPlane {

    private static final System.Logger LOG = System.getLogger(MeshControlPlane.class.getName());

    private final AtomicReference<MeshSnapshot> current = new AtomicReference<>(MeshSnapshot.empty());
    private final CopyOnWriteArrayList<Consumer<MeshSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final NetworkPartitions partitions = new NetworkPartitions();

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
