package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The kube objects of {@link ClusterWorkloads}' records, shaped as kube-apiserver serves them so that kubectl's typed
 * printers (describe, logs) read them: a Deployment with its pod template (container {@code app}, as k8s/ names
 * it), the ReplicaSet its controller would make (one per deployment, named with a {@code pod-template-hash}), Pods
 * owned by it, ClusterIP Services, and one EndpointSlice per service listing the selected pods' IPs. Pure functions.
 */
final class WorkloadObjects {

    static final String CONTAINER = "app";
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final String TEMPLATE_HASH = "pod-template-hash";
    /** kube's alphabet for generated name suffixes (no vowels, no confusable digits). */
    private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";

    private WorkloadObjects() {
    }

    /** {@code templateAnnotations} are the stored ones ({@code rollout restart}'s), kept across syncs. */
    static ObjectNode deployment(ClusterWorkloads.Deployment d, JsonNode templateAnnotations, long generation) {
        ObjectNode object = kind("apps/v1", "Deployment", d.name(), d.labels());
        ObjectNode spec = object.putObject("spec");
        spec.put("replicas", d.replicas());
        strings(spec.putObject("selector").putObject("matchLabels"), d.selector());
        spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate")
                .put("maxUnavailable", "25%").put("maxSurge", "25%");
        ObjectNode template = spec.putObject("template");
        ObjectNode templateMeta = template.putObject("metadata");
        strings(templateMeta.putObject("labels"), d.labels());
        if (templateAnnotations.isObject() && !templateAnnotations.isEmpty()) {
            templateMeta.set("annotations", templateAnnotations.deepCopy());
        }
        containers(template.putObject("spec"), d);
        ObjectNode status = object.putObject("status");
        status.put("observedGeneration", generation).put("replicas", d.replicas())
                .put("updatedReplicas", d.replicas()).put("readyReplicas", d.readyReplicas())
                .put("availableReplicas", d.readyReplicas());
        if (d.replicas() > d.readyReplicas()) {
            status.put("unavailableReplicas", d.replicas() - d.readyReplicas());
        }
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "Available").put("status", d.readyReplicas() > 0 ? "True" : "False")
                .put("reason", d.readyReplicas() > 0 ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable");
        conditions.addObject().put("type", "Progressing").put("status", "True")
                .put("reason", "NewReplicaSetAvailable");
        return object;
    }

    static String replicaSetName(String deployment) {
        return deployment + "-" + suffix(deployment, 10);
    }

    static ObjectNode replicaSet(ClusterWorkloads.Deployment d, String deploymentUid) {
        String hash = suffix(d.name(), 10);
        ObjectNode object = kind("apps/v1", "ReplicaSet", replicaSetName(d.name()), d.labels());
        ((ObjectNode) object.get("metadata").get("labels")).put(TEMPLATE_HASH, hash);
        owner(object, "apps/v1", "Deployment", d.name(), deploymentUid);
        ObjectNode spec = object.putObject("spec");
        spec.put("replicas", d.replicas());
        ObjectNode matchLabels = spec.putObject("selector").putObject("matchLabels");
        strings(matchLabels, d.selector());
        matchLabels.put(TEMPLATE_HASH, hash);
        ObjectNode templateMeta = spec.putObject("template").putObject("metadata");
        strings(templateMeta.putObject("labels"), d.labels());
        containers(((ObjectNode) spec.get("template")).putObject("spec"), d);
        object.putObject("status").put("replicas", d.replicas()).put("fullyLabeledReplicas", d.replicas())
                .put("readyReplicas", d.readyReplicas()).put("availableReplicas", d.readyReplicas())
                .put("observedGeneration", 1);
        return object;
    }

    static ObjectNode pod(ClusterWorkloads.Pod p, ClusterWorkloads.Deployment d, String replicaSetUid) {
        ObjectNode object = kind("v1", "Pod", p.name(), p.labels());
        ((ObjectNode) object.get("metadata").get("labels")).put(TEMPLATE_HASH, suffix(d.name(), 10));
        owner(object, "apps/v1", "ReplicaSet", replicaSetName(d.name()), replicaSetUid);
        ObjectNode spec = object.putObject("spec");
        containers(spec, d);
        spec.put("nodeName", p.node()).put("restartPolicy", "Always");
        ObjectNode status = object.putObject("status");
        status.put("phase", p.phase().text());
        ArrayNode conditions = status.putArray("conditions");
        String ready = p.ready() ? "True" : "False";
        conditions.addObject().put("type", "PodScheduled").put("status", "True");
        conditions.addObject().put("type", "Initialized").put("status", "True");
        conditions.addObject().put("type", "ContainersReady").put("status", ready);
        conditions.addObject().put("type", "Ready").put("status", ready);
        status.put("hostIP", "127.0.0.1");
        if (p.ip() != null) {
            status.put("podIP", p.ip());
            status.putArray("podIPs").addObject().put("ip", p.ip());
        }
        boolean running = p.phase() == ClusterWorkloads.Phase.RUNNING && p.startTime() != null;
        if (p.startTime() != null) {
            status.put("startTime", Timestamps.format(p.startTime()));
        }
        ObjectNode container = status.putArray("containerStatuses").addObject();
        container.put("name", CONTAINER).put("image", d.image()).put("imageID", "").put("ready", p.ready())
                .put("started", running).put("restartCount", 0);
        if (running) {
            container.putObject("state").putObject("running").put("startedAt", Timestamps.format(p.startTime()));
        } else {
            container.putObject("state").putObject("waiting").put("reason", "ContainerCreating");
        }
        return object;
    }

    static ObjectNode service(ClusterWorkloads.Service s) {
        ObjectNode object = kind("v1", "Service", s.name(), s.labels());
        ObjectNode spec = object.putObject("spec");
        spec.put("type", "ClusterIP").put("clusterIP", clusterIp(s));
        spec.putArray("clusterIPs").add(clusterIp(s));
        ArrayNode ports = spec.putArray("ports");
        s.ports().forEach(port -> ports.addObject().put("name", port.name()).put("protocol", "TCP")
                .put("appProtocol", "http").put("port", port.port()).put("targetPort", port.targetPort()));
        strings(spec.putObject("selector"), s.selector());
        spec.put("sessionAffinity", "None");
        object.putObject("status").putObject("loadBalancer");
        return object;
    }

    static String endpointSliceName(ClusterWorkloads.Service s) {
        return s.name() + "-" + suffix(s.name(), 5);
    }

    /** The service's slice: the pods its selector picks that have an IP. */
    static ObjectNode endpointSlice(ClusterWorkloads.Service s, String serviceUid,
                                    List<Map.Entry<ClusterWorkloads.Pod, String>> podsWithUids) {
        ObjectNode object = kind("discovery.k8s.io/v1", "EndpointSlice", endpointSliceName(s), s.labels());
        ObjectNode labels = (ObjectNode) object.get("metadata").get("labels");
        labels.put("kubernetes.io/service-name", s.name())
                .put("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        owner(object, "v1", "Service", s.name(), serviceUid);
        object.put("addressType", "IPv4");
        ArrayNode endpoints = object.putArray("endpoints");
        for (Map.Entry<ClusterWorkloads.Pod, String> entry : podsWithUids) {
            ClusterWorkloads.Pod p = entry.getKey();
            if (p.ip() == null || !p.labels().entrySet().containsAll(s.selector().entrySet())) {
                continue;
            }
            ObjectNode endpoint = endpoints.addObject();
            endpoint.putArray("addresses").add(p.ip());
            endpoint.putObject("conditions").put("ready", p.ready()).put("serving", p.ready())
                    .put("terminating", false);
            endpoint.put("nodeName", p.node());
            endpoint.putObject("targetRef").put("kind", "Pod").put("namespace", p.namespace()).put("name", p.name())
                    .put("uid", entry.getValue());
        }
        ArrayNode ports = object.putArray("ports");
        s.ports().forEach(port -> ports.addObject().put("name", port.name()).put("protocol", "TCP")
                .put("appProtocol", "http").put("port", port.targetPort()));
        return object;
    }

    /** A stable 10.96.x.y address per service, as a cluster's service CIDR would give one. */
    private static String clusterIp(ClusterWorkloads.Service s) {
        int hash = (s.namespace() + "/" + s.name()).hashCode() & 0xffff;
        return "10.96." + (hash >> 8) + "." + Math.max(2, hash & 0xff);
    }

    private static ObjectNode kind(String apiVersion, String kind, String name, Map<String, String> labels) {
        ObjectNode object = JsonMappers.MAPPER.createObjectNode();
        object.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        strings(metadata.putObject("labels"), labels);
        return object;
    }

    private static void owner(ObjectNode object, String apiVersion, String kind, String name, String uid) {
        ((ObjectNode) object.get("metadata")).putArray("ownerReferences").addObject().put("apiVersion", apiVersion)
                .put("kind", kind).put("name", name).put("uid", uid).put("controller", true)
                .put("blockOwnerDeletion", true);
    }

    private static void containers(ObjectNode podSpec, ClusterWorkloads.Deployment d) {
        ObjectNode container = podSpec.putArray("containers").addObject();
        container.put("name", CONTAINER).put("image", d.image()).put("imagePullPolicy", "IfNotPresent");
        container.putArray("ports").addObject().put("name", "http").put("containerPort", d.containerPort())
                .put("protocol", "TCP");
    }

    private static void strings(ObjectNode target, Map<String, String> values) {
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> target.put(e.getKey(), e.getValue()));
    }

    /** A stable suffix of {@code length} characters from kube's alphabet. */
    private static String suffix(String seed, int length) {
        long hash = Integer.toUnsignedLong(seed.hashCode()) * 2654435761L + seed.length();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < length; i++) {
            suffix.append(SAFE.charAt((int) Math.floorMod(hash, (long) SAFE.length())));
            hash = hash / SAFE.length() + (long) seed.charAt(i % seed.length()) * 31;
        }
        return suffix.toString();
    }
}
