package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.Subscription;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the workload objects of a {@link ClusterStore} equal to what {@link ClusterWorkloads} runs: creates, updates
 * and deletes Deployments, ReplicaSets, Pods, Services and EndpointSlices, so lists and watches (
 * {@code kubectl get pods -w}) see every change with its own resourceVersion, and uids stay stable while an object
 * lives. It records the events a kubelet and a deployment controller would (pod scheduled and started, replica set
 * scaled). {@link #sync} runs on a verb's thread right after the verb, and on the mirror's own thread after the
 * workloads report a change, never on the workloads' thread.
 */
final class WorkloadMirror implements AutoCloseable {

    private static final FieldManager MANAGER = FieldManager.update("theater-emulator");
    private static final List<ResourceType> MIRRORED = List.of(WorkloadTypes.DEPLOYMENTS, WorkloadTypes.REPLICA_SETS,
            WorkloadTypes.PODS, WorkloadTypes.SERVICES, WorkloadTypes.ENDPOINT_SLICES);

    private final ClusterStore store;
    private final ClusterWorkloads workloads;
    private final ClusterEvents events;
    private final Semaphore changed = new Semaphore(0);
    private final Set<ObjectKey> started = new HashSet<>();
    private final Subscription following;
    private final Thread syncer;
    private volatile boolean closed;

    private WorkloadMirror(ClusterStore store, ClusterWorkloads workloads, ClusterEvents events) {
        this.store = store;
        this.workloads = workloads;
        this.events = events;
        this.following = workloads.onChange(changed::release);
        this.syncer = Thread.ofVirtual().name("workload-mirror").unstarted(this::syncOnChange);
    }

    /** Mirrors {@code workloads} now and whenever they change, until closed. */
    static WorkloadMirror start(ClusterStore store, ClusterWorkloads workloads, ClusterEvents events) {
        WorkloadMirror mirror = new WorkloadMirror(store, workloads, events);
        mirror.sync();
        mirror.syncer.start();
        return mirror;
    }

    private void syncOnChange() {
        while (!closed) {
            try {
                changed.acquire();
                changed.drainPermits();
                if (!closed) {
                    sync();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Brings the store in line with the workloads as they are now. */
    synchronized void sync() {
        List<ClusterWorkloads.Deployment> deployments = workloads.deployments();
        List<ClusterWorkloads.Pod> pods = workloads.pods();
        List<ClusterWorkloads.Service> services = workloads.services();
        Set<ObjectKey> wanted = new HashSet<>();
        deployments.forEach(d -> wanted.addAll(List.of(WorkloadTypes.DEPLOYMENTS.key(d.namespace(), d.name()),
                WorkloadTypes.REPLICA_SETS.key(d.namespace(), WorkloadObjects.replicaSetName(d.name())))));
        pods.forEach(p -> wanted.add(WorkloadTypes.PODS.key(p.namespace(), p.name())));
        services.forEach(s -> wanted.addAll(List.of(WorkloadTypes.SERVICES.key(s.namespace(), s.name()),
                WorkloadTypes.ENDPOINT_SLICES.key(s.namespace(), WorkloadObjects.endpointSliceName(s)))));
        removeAllBut(wanted);

        Map<String, ClusterWorkloads.Deployment> byName = deployments.stream()
                .collect(Collectors.toMap(d -> d.namespace() + "/" + d.name(), Function.identity()));
        Map<String, String> replicaSetUids = new HashMap<>();
        for (ClusterWorkloads.Deployment d : deployments) {
            ObjectKey key = WorkloadTypes.DEPLOYMENTS.key(d.namespace(), d.name());
            Optional<ObjectNode> current = store.get(key);
            JsonNode annotations = current.map(c -> c.path("spec").path("template").path("metadata")
                    .path("annotations")).orElse(JsonMappers.MAPPER.createObjectNode());
            ObjectNode deployment = WorkloadObjects.deployment(d, annotations, 1);
            String uid = put(key, deployment, current);
            ObjectKey rsKey = WorkloadTypes.REPLICA_SETS.key(d.namespace(), WorkloadObjects.replicaSetName(d.name()));
            Optional<ObjectNode> currentRs = store.get(rsKey);
            int before = currentRs.map(rs -> rs.path("spec").path("replicas").asInt()).orElse(0);
            replicaSetUids.put(d.namespace() + "/" + d.name(), put(rsKey, WorkloadObjects.replicaSet(d, uid), currentRs));
            if (before != d.replicas()) {
                events.record(key, ClusterEvents.Type.NORMAL, "ScalingReplicaSet", "Scaled "
                        + (before < d.replicas() ? "up" : "down") + " replica set " + rsKey.name() + " from "
                        + before + " to " + d.replicas(), "deployment-controller");
            }
        }
        Map<ClusterWorkloads.Pod, String> podUids = new HashMap<>();
        for (ClusterWorkloads.Pod p : pods) {
            ClusterWorkloads.Deployment d = byName.get(p.namespace() + "/" + p.deployment());
            if (d == null) {
                continue;
            }
            ObjectKey key = WorkloadTypes.PODS.key(p.namespace(), p.name());
            Optional<ObjectNode> current = store.get(key);
            podUids.put(p, put(key, WorkloadObjects.pod(p, d, replicaSetUids.get(p.namespace() + "/" + d.name())),
                               current));
            if (current.isEmpty()) {
                events.record(key, ClusterEvents.Type.NORMAL, "Scheduled", "Successfully assigned " + p.namespace()
                        + "/" + p.name() + " to " + p.node(), "default-scheduler");
            }
            if (p.phase() == ClusterWorkloads.Phase.RUNNING && started.add(key)) {
                events.record(key, ClusterEvents.Type.NORMAL, "Started", "Started container "
                        + WorkloadObjects.CONTAINER, "kubelet");
            }
        }
        started.retainAll(podUids.keySet().stream().map(p -> WorkloadTypes.PODS.key(p.namespace(), p.name()))
                                  .collect(Collectors.toSet()));
        for (ClusterWorkloads.Service s : services) {
            ObjectKey key = WorkloadTypes.SERVICES.key(s.namespace(), s.name());
            String uid = put(key, WorkloadObjects.service(s), store.get(key));
            ObjectKey sliceKey = WorkloadTypes.ENDPOINT_SLICES.key(s.namespace(), WorkloadObjects.endpointSliceName(s));
            List<Map.Entry<ClusterWorkloads.Pod, String>> inNamespace = podUids.entrySet().stream()
                    .filter(e -> e.getKey().namespace().equals(s.namespace()))
                    .sorted(Map.Entry.comparingByKey((a, b) -> a.name().compareTo(b.name())))
                    .map(e -> (Map.Entry<ClusterWorkloads.Pod, String>) new AbstractMap.SimpleEntry<>(e))
                    .toList();
            put(sliceKey, WorkloadObjects.endpointSlice(s, uid, inNamespace), store.get(sliceKey));
        }
    }

    private void removeAllBut(Set<ObjectKey> wanted) {
        for (ResourceType type : MIRRORED) {
            for (ObjectNode object : store.list(type.group(), type.plural(), null).items()) {
                JsonNode metadata = object.path("metadata");
                ObjectKey key = type.key(metadata.path("namespace").asText(), metadata.path("name").asText());
                if (!wanted.contains(key)) {
                    store.delete(key, false);
                }
            }
        }
    }

    /**
     * Stores {@code object} (creating its namespace if need be) and returns its uid. A Deployment's
     * {@code status.observedGeneration} is set to the generation the write gives it, so rollout status is done.
     */
    private String put(ObjectKey key, ObjectNode object, Optional<ObjectNode> current) {
        if (current.isEmpty()) {
            if (store.get(new ObjectKey("", "namespaces", "", key.namespace())).isEmpty()) {
                store.createNamespace(key.namespace());
            }
            return store.create(key, object, MANAGER).path("metadata").path("uid").asText();
        }
        ObjectNode stored = current.get();
        if (object.path("status").has("observedGeneration") && key.group().equals("apps")
                && key.resource().equals("deployments")) {
            long generation = stored.path("metadata").path("generation").asLong(1);
            boolean specChanges = !object.path("spec").equals(stored.path("spec"));
            ((ObjectNode) object.get("status")).put("observedGeneration", specChanges ? generation + 1 : generation);
        }
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        JsonNode annotations = stored.path("metadata").path("annotations");
        if (!annotations.isMissingNode()) {
            metadata.set("annotations", annotations.deepCopy());
        }
        return store.update(key, object, MANAGER).path("metadata").path("uid").asText();
    }

    @Override
    public void close() {
        closed = true;
        following.close();
        changed.release();
        syncer.interrupt();
    }
}
