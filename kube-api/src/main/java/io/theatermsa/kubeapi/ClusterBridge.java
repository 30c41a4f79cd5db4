package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.ClusterConfigs;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.ObjectMeta;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One store, many views: keeps one cluster's {@link ClusterStore} and that cluster's configuration in force in
 * {@link ClusterConfigs} the same. A write of a VirtualService, DestinationRule, PeerAuthentication or
 * AuthorizationPolicy in the store (kubectl) puts the store's whole set of them in force in the cluster; a configuration put in force by anyone else (a scenario, the
 * dashboard, a rollback) is written into the store, object by object, keeping each stored object's metadata and taking
 * its spec, so that its resourceVersion and generation move as kube's would. Such a write also records the object as
 * {@code kubectl apply} records it ({@code last-applied-configuration}), as the deploy scripts' {@code kubectl apply}
 * of a scenario would on real clusters: a later {@code kubectl apply} then removes the fields it no longer has.
 * <p>
 * Both directions run on one thread of their own, in order, never under the store's lock (store listeners must not
 * write back). Both sides tell their listeners on the writing thread, so a change heard on the bridge's own thread is
 * the echo of its own write and is not synchronised back; a store change also compares the two sides first and puts
 * only when they differ. A burst of changes (an {@code apply -k}) is handled once, on the latest state. When a
 * kubectl write and another writer race, the later of the two synchronisations wins in both views.
 */
public final class ClusterBridge implements AutoCloseable {

    static final String GROUP = "networking.istio.io";
    static final String SECURITY_GROUP = "security.istio.io";
    /** Who writes the mesh's changes into the store, as {@code managedFields} records it. */
    static final FieldManager MANAGER = FieldManager.update("theater");
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final ClusterStore store;
    private final ClusterConfigs mesh;
    private final String cluster;
    private final ExecutorService worker;
    private volatile Thread workerThread;
    private final AtomicBoolean storeChanged = new AtomicBoolean();
    private final AtomicBoolean meshChanged = new AtomicBoolean();
    private final Subscription fromStore;
    private final Subscription fromMesh;

    private ClusterBridge(ClusterStore store, ClusterConfigs mesh, String cluster) {
        this.store = store;
        this.mesh = mesh;
        this.cluster = cluster;
        this.worker = Executors.newSingleThreadExecutor(task -> {
            workerThread = Thread.ofPlatform().daemon().name("kube-bridge-" + cluster).unstarted(task);
            return workerThread;
        });
        this.fromMesh = mesh.onChange(inForce -> {
            if (inForce.cluster().equals(cluster) && Thread.currentThread() != workerThread) {
                schedule(meshChanged, this::writeMeshIntoStore);
            }
        });
        this.fromStore = store.subscribe(change -> {
            if (isMeshKind(change.key()) && Thread.currentThread() != workerThread) {
                schedule(storeChanged, this::putStoreInForce);
            }
        });
    }

    /**
     * Bridges {@code store} and {@code cluster} of {@code mesh}; returns once the store holds the cluster's
     * configuration in force (its namespaces must exist or are created).
     *
     * @throws IllegalArgumentException when the mesh has no such cluster
     */
    public static ClusterBridge open(ClusterStore store, ClusterConfigs mesh, String cluster) {
        mesh.inForce(cluster);
        ClusterBridge bridge = new ClusterBridge(store, mesh, cluster);
        try {
            bridge.worker.submit(bridge::writeMeshIntoStore).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bridge.close();
            throw new IllegalStateException("interrupted while filling the store of " + cluster, e);
        } catch (ExecutionException | TimeoutException e) {
            bridge.close();
            throw new IllegalStateException("cannot fill the store of " + cluster + ": " + e.getMessage(), e);
        }
        return bridge;
    }

    /** Stops listening to both sides; a synchronisation under way finishes. */
    @Override
    public void close() {
        fromStore.close();
        fromMesh.close();
        worker.shutdown();
    }

    private void schedule(AtomicBoolean pending, Runnable sync) {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                runLogged(sync);
            });
        }
    }

    private void runLogged(Runnable sync) {
        try {
            sync.run();
        } catch (RuntimeException e) {
            System.err.println("warning: " + cluster + ": the Kubernetes API and the mesh could not be synchronised: "
                    + e.getMessage());
        }
    }

    /** The store's mesh objects, put in force as the cluster's whole configuration. */
    private void putStoreInForce() {
        Map<ObjectKey, ObjectNode> stored = storedMeshObjects();
        if (specs(stored).equals(specsInForce())) {
            return;
        }
        ObjectNode list = JsonMappers.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode items = list.putArray("items");
        stored.values().forEach(items::add);
        ApplyResult result = mesh.put(cluster, "kubectl (" + cluster + ")", list.toString());
        if (!result.applied()) {
            System.err.println("warning: " + cluster + ": the mesh refused the configuration the Kubernetes API holds: "
                    + result.diagnostics().stream().map(d -> d.format()).toList());
        }
    }

    /** The cluster's configuration in force, written into the store where they differ. */
    private void writeMeshIntoStore() {
        Map<ObjectKey, JsonNode> inForce = specsInForce();
        Map<ObjectKey, ObjectNode> stored = storedMeshObjects();
        inForce.forEach((key, spec) -> {
            ObjectNode current = stored.get(key);
            if (current == null) {
                ensureNamespace(key.namespace());
                ObjectNode created = newObject(key, spec);
                annotations(created).put(LAST_APPLIED, newObject(key, spec).toString() + "\n");
                store.create(key, created, MANAGER);
            } else if (!spec.equals(current.get("spec"))) {
                ObjectNode changed = current.deepCopy();
                changed.set("spec", spec);
                ((ObjectNode) changed.get("metadata")).remove("resourceVersion");
                annotations(changed).put(LAST_APPLIED, newObject(key, spec).toString() + "\n");
                store.update(key, changed, MANAGER);
            }
        });
        stored.keySet().stream().filter(key -> !inForce.containsKey(key)).forEach(key -> store.delete(key, false));
    }

    private Map<ObjectKey, ObjectNode> storedMeshObjects() {
        Map<ObjectKey, ObjectNode> objects = new LinkedHashMap<>();
        for (MeshKind kind : MeshKind.values()) {
            store.list(kind.group, kind.resource, null).items().forEach(item -> objects.put(
                    new ObjectKey(kind.group, kind.resource, item.path("metadata").path("namespace").asText(),
                                  item.path("metadata").path("name").asText()), item));
        }
        return objects;
    }

    private Map<ObjectKey, JsonNode> specsInForce() {
        LoadedConfig config = mesh.inForce(cluster).snapshot().config();
        Map<ObjectKey, JsonNode> specs = new LinkedHashMap<>();
        config.virtualServices().forEach(vs -> specs.put(MeshKind.VIRTUAL_SERVICE.key(vs.meta()), vs.rawSpec()));
        config.destinationRules().forEach(dr -> specs.put(MeshKind.DESTINATION_RULE.key(dr.meta()), dr.rawSpec()));
        config.securityObjects().forEach(o -> specs.put(MeshKind.of(o.meta().kind()).key(o.meta()), o.rawSpec()));
        return specs;
    }

    private static Map<ObjectKey, JsonNode> specs(Map<ObjectKey, ObjectNode> objects) {
        Map<ObjectKey, JsonNode> specs = new LinkedHashMap<>();
        objects.forEach((key, object) -> specs.put(key, object.has("spec") ? object.get("spec")
                                                                          : JsonMappers.MAPPER.createObjectNode()));
        return specs;
    }

    private void ensureNamespace(String namespace) {
        if (store.get(new ObjectKey("", "namespaces", "", namespace)).isEmpty()) {
            store.createNamespace(namespace);
        }
    }

    private static ObjectNode annotations(ObjectNode object) {
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        return metadata.get("annotations") instanceof ObjectNode annotations ? annotations
                : metadata.putObject("annotations");
    }

    /** The object as a manifest has it: apiVersion, kind, name, namespace and {@code spec}. */
    private static ObjectNode newObject(ObjectKey key, JsonNode spec) {
        ObjectNode object = JsonMappers.MAPPER.createObjectNode();
        MeshKind kind = MeshKind.of(key);
        object.put("apiVersion", kind.group + "/v1").put("kind", kind.kind);
        object.putObject("metadata").put("name", key.name()).put("namespace", key.namespace());
        object.set("spec", spec);
        return object;
    }

    private static boolean isMeshKind(ObjectKey key) {
        return Stream.of(MeshKind.values())
                .anyMatch(kind -> kind.group.equals(key.group()) && kind.resource.equals(key.resource()));
    }

    /** The kinds the mesh follows, and where a store keeps them (stored as v1). */
    private enum MeshKind {
        VIRTUAL_SERVICE(GROUP, "VirtualService", "virtualservices"),
        DESTINATION_RULE(GROUP, "DestinationRule", "destinationrules"),
        PEER_AUTHENTICATION(SECURITY_GROUP, "PeerAuthentication", "peerauthentications"),
        AUTHORIZATION_POLICY(SECURITY_GROUP, "AuthorizationPolicy", "authorizationpolicies");

        private final String group;
        private final String kind;
        private final String resource;

        MeshKind(String group, String kind, String resource) {
            this.group = group;
            this.kind = kind;
            this.resource = resource;
        }

        ObjectKey key(ObjectMeta meta) {
            return new ObjectKey(group, resource, meta.namespace(), meta.name());
        }

        static MeshKind of(ObjectKey key) {
            return Stream.of(values()).filter(k -> k.group.equals(key.group()) && k.resource.equals(key.resource()))
                    .findFirst().orElseThrow();
        }

        static MeshKind of(String kind) {
            return Stream.of(values()).filter(k -> k.kind.equals(kind)).findFirst().orElseThrow();
        }
    }

}
