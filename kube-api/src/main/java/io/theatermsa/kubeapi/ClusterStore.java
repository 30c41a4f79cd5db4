package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.Subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The objects of one emulated cluster, as kube-apiserver's storage keeps them: JSON trees keyed by
 * {@link ObjectKey}, with one resourceVersion counter per cluster, {@code uid}, {@code creationTimestamp},
 * {@code generation} (bumped when anything but metadata and status changes) and {@code managedFields} set by the
 * store, and optimistic concurrency: a write that carries a resourceVersion other than the current one is refused
 * with 409 Conflict. Annotations such as {@code kubectl.kubernetes.io/last-applied-configuration} are kept as sent;
 * a new namespace gets kube's defaults (finalizer {@code kubernetes}, phase {@code Active}).
 * <p>
 * Thread-safe: every method is atomic. Listeners ({@link #subscribe}) and watches ({@link #watch}) are called on
 * the writer's thread, in commit order, while the store is locked: they must be quick and must not write back to
 * the store from the call. Every reader gets copies; nothing it does to them changes the store.
 */
public final class ClusterStore {

    /** How many changes a watch can start behind the present; an older resourceVersion is 410 Expired. */
    private static final int HISTORY = 4096;

    private final Clock clock;
    private final Supplier<UUID> uids;
    private final Map<ObjectKey, ObjectNode> objects = new HashMap<>();
    private final Deque<StoreChange> history = new ArrayDeque<>();
    private final List<Consumer<StoreChange>> listeners = new ArrayList<>();
    private long resourceVersion;

    public ClusterStore(Clock clock, Supplier<UUID> uids) {
        this.clock = clock;
        this.uids = uids;
    }

    /** A store on the system clock with random uids, holding the namespaces {@code names}. */
    public static ClusterStore withNamespaces(String... names) {
        ClusterStore store = new ClusterStore(Clock.systemUTC(), UUID::randomUUID);
        for (String name : names) {
            store.createNamespace(name);
        }
        return store;
    }

    /** Creates the namespace {@code name} (core/v1), as {@code kubectl create namespace} does. */
    public ObjectNode createNamespace(String name) {
        ObjectNode namespace = JsonMappers.MAPPER.createObjectNode();
        namespace.put("apiVersion", "v1").put("kind", "Namespace");
        namespace.putObject("metadata").put("name", name);
        return create(new ObjectKey("", "namespaces", "", name), namespace, FieldManager.update("theater"));
    }

    /** The current resourceVersion: a list's, and where a watch from "now" starts. */
    public synchronized long resourceVersion() {
        return resourceVersion;
    }

    public synchronized Optional<ObjectNode> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key)).map(ObjectNode::deepCopy);
    }

    /** A collection at one resourceVersion, sorted by namespace and name as kube lists it. */
    public record Listing(List<ObjectNode> items, long resourceVersion) {
    }

    /** The objects of {@code group/resource} in {@code namespace} ({@code null}: every namespace). */
    public synchronized Listing list(String group, String resource, String namespace) {
        List<ObjectNode> items = objects.entrySet().stream()
                .filter(e -> e.getKey().in(group, resource, namespace))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(ObjectKey::namespace)
                                                         .thenComparing(ObjectKey::name)))
                .map(e -> e.getValue().deepCopy())
                .toList();
        return new Listing(items, resourceVersion);
    }

    /**
     * Stores a new object. Its namespace must exist (404 {@code namespaces "x" not found}, as kube answers a POST
     * into a missing namespace); an object under the same key is 409 AlreadyExists.
     */
    public ObjectNode create(ObjectKey key, ObjectNode object, FieldManager manager) {
        return create(key, object, manager, false);
    }

    /** {@link #create(ObjectKey, ObjectNode, FieldManager)}; with {@code dryRun}, every check runs, nothing is kept. */
    public synchronized ObjectNode create(ObjectKey key, ObjectNode object, FieldManager manager, boolean dryRun) {
        if (!key.namespace().isEmpty() && !objects.containsKey(namespaceKey(key.namespace()))) {
            throw ApiError.notFound(namespaceKey(key.namespace()));
        }
        if (objects.containsKey(key)) {
            throw ApiError.alreadyExists(key);
        }
        ObjectNode stored = key.in("", "namespaces", "") ? Namespaces.withDefaults(object.deepCopy())
                : object.deepCopy();
        ObjectNode metadata = metadataOf(stored);
        Instant now = clock.instant();
        metadata.put("name", key.name());
        if (!key.namespace().isEmpty()) {
            metadata.put("namespace", key.namespace());
        }
        metadata.put("uid", uids.get().toString());
        metadata.put("creationTimestamp", Timestamps.format(now));
        metadata.put("generation", 1L);
        metadata.remove("managedFields");
        ManagedFields.record(stored, null, manager, object, now);
        return dryRun ? stored : commit(StoreChange.Type.ADDED, key, stored);
    }

    /**
     * Replaces an object with {@code object}. A resourceVersion in {@code object} is a precondition (stale: 409
     * Conflict); without one the write is unconditional. Name, namespace, uid and creationTimestamp stay the stored
     * ones. A write that changes nothing (neither the object nor who owns which field) commits nothing and returns
     * the stored object.
     */
    public synchronized ObjectNode update(ObjectKey key, ObjectNode object, FieldManager manager) {
        return replace(key, current(key), object, manager, object, false);
    }

    /**
     * Changes an object atomically: {@code change} gets a copy of the stored object and returns the new one (the
     * patched object, say), or throws an {@link ApiError} to refuse, which leaves the store unchanged. The result's
     * resourceVersion is a precondition as in {@link #update}. {@code written} is what the manager sent (its
     * fields go to {@code managedFields}). With {@code dryRun}, the result is computed and nothing is stored.
     */
    public synchronized ObjectNode update(ObjectKey key, UnaryOperator<ObjectNode> change, FieldManager manager,
                                          JsonNode written, boolean dryRun) {
        ObjectNode current = current(key);
        return replace(key, current, change.apply(current.deepCopy()), manager, written, dryRun);
    }

    /**
     * Removes an object and returns it as it was, with the resourceVersion of its deletion; with {@code dryRun},
     * only checks that it exists.
     */
    public synchronized ObjectNode delete(ObjectKey key, boolean dryRun) {
        ObjectNode removed = current(key);
        if (dryRun) {
            return removed.deepCopy();
        }
        objects.remove(key);
        long version = ++resourceVersion;
        ObjectNode last = removed.deepCopy();
        ((ObjectNode) last.get("metadata")).put("resourceVersion", Long.toString(version));
        record(new StoreChange(StoreChange.Type.DELETED, key, last, version));
        return last.deepCopy();
    }

    /** Tells {@code listener} of every change from now on, in commit order (see the class comment). */
    public synchronized Subscription subscribe(Consumer<StoreChange> listener) {
        listeners.add(listener);
        return () -> unsubscribe(listener);
    }

    /**
     * Tells {@code sink} of the changes to keys {@code filter} accepts after {@code sinceResourceVersion}, first
     * those already committed, then each new one. {@code 0} means "from now, starting with the current objects as
     * ADDED", as a kube watch without a resourceVersion. A resourceVersion older than the kept history is 410
     * Expired; one from the future is treated as now.
     */
    public synchronized Subscription watch(Predicate<ObjectKey> filter, long sinceResourceVersion,
                                           Consumer<StoreChange> sink) {
        if (sinceResourceVersion == 0) {
            objects.entrySet().stream()
                    .filter(e -> filter.test(e.getKey()))
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(ObjectKey::namespace)
                                                             .thenComparing(ObjectKey::name)))
                    .forEach(e -> sink.accept(new StoreChange(StoreChange.Type.ADDED, e.getKey(),
                            e.getValue().deepCopy(), resourceVersion)));
        } else {
            long oldestKept = history.isEmpty() ? resourceVersion + 1 : history.peekFirst().resourceVersion();
            if (sinceResourceVersion < oldestKept - 1 && sinceResourceVersion < resourceVersion) {
                throw new ApiError(ApiError.Reason.EXPIRED, "too old resource version: " + sinceResourceVersion
                        + " (" + (oldestKept - 1) + ")", null);
            }
            history.stream()
                    .filter(c -> c.resourceVersion() > sinceResourceVersion && filter.test(c.key()))
                    .forEach(c -> sink.accept(copyOf(c)));
        }
        Consumer<StoreChange> filtered = c -> {
            if (filter.test(c.key())) {
                sink.accept(c);
            }
        };
        listeners.add(filtered);
        return () -> unsubscribe(filtered);
    }

    private synchronized void unsubscribe(Consumer<StoreChange> listener) {
        listeners.remove(listener);
    }

    private ObjectNode current(ObjectKey key) {
        ObjectNode current = objects.get(key);
        if (current == null) {
            throw ApiError.notFound(key);
        }
        return current;
    }

    private ObjectNode replace(ObjectKey key, ObjectNode current, ObjectNode object, FieldManager manager,
                               JsonNode written, boolean dryRun) {
        ObjectNode currentMeta = (ObjectNode) current.get("metadata");
        String precondition = object.path("metadata").path("resourceVersion").asText("");
        if (!precondition.isEmpty() && !precondition.equals(currentMeta.path("resourceVersion").asText())) {
            throw ApiError.conflict(key);
        }
        ObjectNode stored = object.deepCopy();
        ObjectNode metadata = metadataOf(stored);
        metadata.put("name", key.name());
        if (!key.namespace().isEmpty()) {
            metadata.put("namespace", key.namespace());
        }
        for (String serverOwned : List.of("uid", "creationTimestamp", "resourceVersion", "managedFields")) {
            metadata.set(serverOwned, currentMeta.get(serverOwned));
        }
        long generation = currentMeta.path("generation").asLong(1);
        metadata.put("generation", generation);
        boolean same = stored.equals(current);
        ManagedFields.record(stored, current, manager, written, clock.instant());
        if (same && ManagedFields.owners(stored).equals(ManagedFields.owners(current))) {
            return current.deepCopy();
        }
        if (!withoutMetadataAndStatus(stored).equals(withoutMetadataAndStatus(current))) {
            metadata.put("generation", generation + 1);
        }
        return dryRun ? stored : commit(StoreChange.Type.MODIFIED, key, stored);
    }

    private ObjectNode commit(StoreChange.Type type, ObjectKey key, ObjectNode stored) {
        long version = ++resourceVersion;
        ((ObjectNode) stored.get("metadata")).put("resourceVersion", Long.toString(version));
        objects.put(key, stored);
        record(new StoreChange(type, key, stored.deepCopy(), version));
        return stored.deepCopy();
    }

    private void record(StoreChange change) {
        history.addLast(change);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        for (Consumer<StoreChange> listener : List.copyOf(listeners)) {
            listener.accept(copyOf(change));
        }
    }

    private static StoreChange copyOf(StoreChange change) {
        return new StoreChange(change.type(), change.key(), change.object().deepCopy(), change.resourceVersion());
    }

    private static ObjectKey namespaceKey(String namespace) {
        return new ObjectKey("", "namespaces", "", namespace);
    }

    private static ObjectNode metadataOf(ObjectNode object) {
        return object.get("metadata") instanceof ObjectNode metadata ? metadata : object.putObject("metadata");
    }

    private static ObjectNode withoutMetadataAndStatus(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("metadata");
        copy.remove("status");
        return copy;
    }
}
