package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The workload kinds of an emulated cluster ({@link ClusterWorkloads}): Pods, Services and Events (core/v1),
 * Deployments and ReplicaSets (apps/v1), EndpointSlices (discovery.k8s.io/v1), with kube's short names, the category
 * {@code all} where kube gives it, and the columns kube prints for them (kube-api.md 4.9). They are read-only but
 * for what {@link WorkloadVerbs} carries out: delete a pod, patch or scale a deployment, read a pod's log.
 */
final class WorkloadTypes {

    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> ALL_CATEGORY = List.of("all");
    private static final String NONE = "<none>";

    static final ResourceType PODS = new ResourceType("", List.of("v1"), "pods", "pod", "Pod", true,
            List.of("delete", "get", "list", "watch"), List.of("po"), ALL_CATEGORY, List.of(
                    PrinterColumn.computed("Ready", "The ready containers of all containers.", 0,
                                           WorkloadTypes::readyContainers),
                    PrinterColumn.computed("Status", "The pod's phase, or why it is not running.", 0,
                                           WorkloadTypes::podStatus),
                    PrinterColumn.computed("Restarts", "How often its containers restarted.", 0, pod -> sum(
                            pod.path("status").path("containerStatuses"), "restartCount")),
                    PrinterColumn.AGE,
                    PrinterColumn.computed("IP", "The pod's IP address.", 1,
                                           pod -> text(pod.path("status").path("podIP"))),
                    PrinterColumn.computed("Node", "The node it runs on.", 1,
                                           pod -> text(pod.path("spec").path("nodeName"))),
                    PrinterColumn.computed("Nominated Node", "The node it is nominated for.", 1, pod -> NONE),
                    PrinterColumn.computed("Readiness Gates", "Its readiness gates.", 1, pod -> NONE)),
            List.of(new ResourceType.Subresource("log", "", "v1", "Pod", List.of("get"))));
    static final ResourceType SERVICES = new ResourceType("", List.of("v1"), "services", "service", "Service", true,
            READ, List.of("svc"), ALL_CATEGORY, List.of(
                    PrinterColumn.path("Type", "string", ".spec.type", "How the service is exposed."),
                    PrinterColumn.path("Cluster-IP", "string", ".spec.clusterIP", "Its cluster IP."),
                    PrinterColumn.computed("External-IP", "Its external IPs.", 0, service -> NONE),
                    PrinterColumn.computed("Port(s)", "Its ports.", 0, WorkloadTypes::servicePorts),
                    PrinterColumn.AGE,
                    PrinterColumn.computed("Selector", "The pods it selects.", 1,
                                           service -> labels(service.path("spec").path("selector")))),
            List.of());
    static final ResourceType EVENTS = new ResourceType("", List.of("v1"), "events", "event", "Event", true, READ,
            List.of("ev"), List.of(), List.of(
                    PrinterColumn.path("Last Seen", "date", ".lastTimestamp", "When it last happened."),
                    PrinterColumn.path("Type", "string", ".type", "Normal or Warning."),
                    PrinterColumn.path("Reason", "string", ".reason", "Why it happened, in one word."),
                    PrinterColumn.computed("Object", "The object it is about.", 0, event ->
                            event.path("involvedObject").path("kind").asText().toLowerCase() + "/"
                                    + event.path("involvedObject").path("name").asText()),
                    PrinterColumn.path("Message", "string", ".message", "What happened.")),
            List.of());
    static final ResourceType DEPLOYMENTS = new ResourceType("apps", List.of("v1"), "deployments", "deployment",
            "Deployment", true, List.of("get", "list", "patch", "watch"), List.of("deploy"), ALL_CATEGORY, List.of(
                    PrinterColumn.computed("Ready", "Ready pods of the wanted ones.", 0, deployment ->
                            deployment.path("status").path("readyReplicas").asInt() + "/"
                                    + deployment.path("spec").path("replicas").asInt()),
                    PrinterColumn.computed("Up-to-date", "Pods of the current template.", 0, deployment ->
                            Integer.toString(deployment.path("status").path("updatedReplicas").asInt())),
                    PrinterColumn.computed("Available", "Pods available to serve.", 0, deployment ->
                            Integer.toString(deployment.path("status").path("availableReplicas").asInt())),
                    PrinterColumn.AGE,
                    PrinterColumn.computed("Containers", "Its containers.", 1, WorkloadTypes::containerNames),
                    PrinterColumn.computed("Images", "Their images.", 1, WorkloadTypes::images),
                    PrinterColumn.computed("Selector", "The pods it owns.", 1, WorkloadTypes::matchLabels)),
            List.of(new ResourceType.Subresource("scale", "autoscaling", "v1", "Scale",
                                                 List.of("get", "patch", "update"))));
    static final ResourceType REPLICA_SETS = new ResourceType("apps", List.of("v1"), "replicasets", "replicaset",
            "ReplicaSet", true, READ, List.of("rs"), ALL_CATEGORY, List.of(
                    PrinterColumn.computed("Desired", "Wanted pods.", 0, rs ->
                            Integer.toString(rs.path("spec").path("replicas").asInt())),
                    PrinterColumn.computed("Current", "Existing pods.", 0, rs ->
                            Integer.toString(rs.path("status").path("replicas").asInt())),
                    PrinterColumn.computed("Ready", "Ready pods.", 0, rs ->
                            Integer.toString(rs.path("status").path("readyReplicas").asInt())),
                    PrinterColumn.AGE,
                    PrinterColumn.computed("Containers", "Its containers.", 1, WorkloadTypes::containerNames),
                    PrinterColumn.computed("Images", "Their images.", 1, WorkloadTypes::images),
                    PrinterColumn.computed("Selector", "The pods it owns.", 1, WorkloadTypes::matchLabels)),
            List.of());
    static final ResourceType ENDPOINT_SLICES = new ResourceType("discovery.k8s.io", List.of("v1"),
            "endpointslices", "endpointslice", "EndpointSlice", true, READ, List.of(), List.of(), List.of(
                    PrinterColumn.path("AddressType", "string", ".addressType", "IPv4 or IPv6."),
                    PrinterColumn.computed("Ports", "The endpoints' ports.", 0, slice -> join(
                            slice.path("ports"), p -> p.path("port").asText())),
                    PrinterColumn.computed("Endpoints", "The endpoints' addresses.", 0, slice -> join(
                            slice.path("endpoints"), e -> e.path("addresses").path(0).asText())),
                    PrinterColumn.AGE),
            List.of());

    private WorkloadTypes() {
    }

    static List<ResourceType> all() {
        return List.of(PODS, SERVICES, EVENTS, DEPLOYMENTS, REPLICA_SETS, ENDPOINT_SLICES);
    }

    private static String readyContainers(JsonNode pod) {
        JsonNode statuses = pod.path("status").path("containerStatuses");
        long ready = stream(statuses).filter(s -> s.path("ready").asBoolean()).count();
        return ready + "/" + pod.path("spec").path("containers").size();
    }

    private static String podStatus(JsonNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            return "Terminating";
        }
        return stream(pod.path("status").path("containerStatuses"))
                .map(s -> s.path("state").path("waiting").path("reason").asText(""))
                .filter(reason -> !reason.isEmpty()).findFirst()
                .orElse(pod.path("status").path("phase").asText());
    }

    private static String servicePorts(JsonNode service) {
        return join(service.path("spec").path("ports"),
                    p -> p.path("port").asText() + "/" + p.path("protocol").asText("TCP"));
    }

    private static String containerNames(JsonNode owner) {
        return join(owner.path("spec").path("template").path("spec").path("containers"), c -> c.path("name").asText());
    }

    private static String images(JsonNode owner) {
        return join(owner.path("spec").path("template").path("spec").path("containers"), c -> c.path("image").asText());
    }

    private static String matchLabels(JsonNode owner) {
        return labels(owner.path("spec").path("selector").path("matchLabels"));
    }

    private static String labels(JsonNode labels) {
        if (labels.isEmpty()) {
            return NONE;
        }
        List<String> pairs = new ArrayList<>();
        labels.properties().forEach((Map.Entry<String, JsonNode> e) -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", pairs);
    }

    private static String sum(JsonNode items, String field) {
        return Integer.toString(stream(items).mapToInt(i -> i.path(field).asInt()).sum());
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? NONE : value.asText();
    }

    private static String join(JsonNode items, java.util.function.Function<JsonNode, String> text) {
        return items.isEmpty() ? NONE : stream(items).map(text).collect(Collectors.joining(","));
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false);
    }
}
