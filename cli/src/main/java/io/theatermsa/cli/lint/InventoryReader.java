package io.theatermsa.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.Manifest;
import io.theatermsa.mesh.config.ManifestReader;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.platform.topology.Topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the Services, ServiceEntries, Istio Gateways, Namespaces and workloads (Deployments, StatefulSets, Pods, with
 * the ServiceAccount their pods run as) in files, directories and kustomizations, read
 * by the mesh loader's own {@link ManifestReader}. Kustomize transformers (labels, components, suffixes) are not
 * applied: give rendered YAML ({@code kubectl kustomize}) for an overlay. Unreadable input is skipped here; the
 * loader reports it for linted paths.
 */
public final class InventoryReader {

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");
    private static final String ISTIO_GROUP = "networking.istio.io/";

    private final List<ServiceDefinition> services = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final List<String> serviceEntryHosts = new ArrayList<>();
    private final List<IstioGateway> gateways = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    private InventoryReader() {
    }

    /**
     * The inventory of everything in {@code paths}, each read once, objects that name no namespace in the
     * topology's; what they lack (Services, workloads, Gateways or Namespaces) is taken from {@code topology}
     * ({@link KnownTopology}), and only when they hold none of them is the known topology used alone. {@link Inventory#origin()} says which.
     */
    public static Inventory read(List<Path> paths, Topology topology) {
        InventoryReader reader = new InventoryReader();
        ManifestReader manifests = new ManifestReader(topology.namespace(), new Diagnostics());
        paths.forEach(p -> manifests.read(p).forEach(reader::collect));
        return reader.inventory(topology);
    }

    private Inventory inventory(Topology topology) {
        Inventory known = KnownTopology.inventory(topology);
        if (services.isEmpty() && workloads.isEmpty() && serviceEntryHosts.isEmpty() && gateways.isEmpty()
            && namespaces.isEmpty()) {
            return known;
        }
        int hosts = serviceEntryHosts.size();
        Text origin = new Text("입력에서 찾은 Service " + services.size() + "개, 워크로드 " + workloads.size() + "개"
                               + (hosts == 0 ? "" : ", ServiceEntry 호스트 " + hosts + "개"),
                               services.size() + " Services" + (hosts == 0 ? " and " : ", ") + workloads.size()
                               + " workloads" + (hosts == 0 ? "" : " and " + hosts + " ServiceEntry hosts")
                               + " from the input");
        if (!namespaces.isEmpty()) {
            origin = new Text(origin.ko() + ", Namespace " + namespaces.size() + "개",
                              origin.en() + ", " + namespaces.size() + " Namespaces");
        }
        if (services.isEmpty() || workloads.isEmpty()) {
            Text rest = KnownTopology.description(topology);
            origin = new Text(origin.ko() + ", 나머지는 " + rest.ko(), origin.en() + ", the rest from the " + rest.en());
        }
        List<IstioGateway> inForce = gateways.isEmpty() ? known.gateways() : gateways;
        origin = KnownTopology.withGateways(origin, inForce, gateways.isEmpty()
                ? new Text("알려진 토폴로지, k8s/istio", "known topology, k8s/istio") : new Text("입력", "input"));
        return new Inventory(services.isEmpty() ? known.services() : services,
                             workloads.isEmpty() ? known.workloads() : workloads, serviceEntryHosts, inForce, origin,
                             namespaces.isEmpty() ? known.namespaceObjects() : namespaces, "");
    }

    private void collect(Manifest manifest) {
        String kind = manifest.kind();
        JsonNode spec = manifest.node().path("spec");
        if (kind.equals("Service")) {
            String exportTo = manifest.node().path("metadata").path("annotations")
                    .path(ServiceDefinition.EXPORT_TO_ANNOTATION).asText("");
            services.add(new ServiceDefinition(manifest.name(), manifest.namespace(), strings(spec.path("selector")),
                                               ServiceDefinition.exportTo(exportTo)));
        } else if (WORKLOAD_KINDS.contains(kind)) {
            JsonNode pod = spec.path("template");
            workloads.add(Workload.of(manifest.name(), manifest.namespace(),
                                      strings(pod.path("metadata").path("labels")), spec.path("replicas").asInt(1),
                                      serviceAccount(pod.path("spec"))));
        } else if (kind.equals("ServiceEntry")) {
            spec.path("hosts").forEach(h -> serviceEntryHosts.add(h.asText()));
        } else if (kind.equals("Gateway") && manifest.node().path("apiVersion").asText().startsWith(ISTIO_GROUP)) {
            gateways.add(new IstioGateway(manifest.namespace(), manifest.name()));
        } else if (kind.equals("Pod")) {
            workloads.add(Workload.of(manifest.name(), manifest.namespace(),
                                      strings(manifest.node().path("metadata").path("labels")), 1,
                                      serviceAccount(spec)));
        } else if (kind.equals("Namespace")) {
            namespaces.add(manifest.name());
        }
    }

    /** {@code serviceAccountName} of a pod spec, else Kubernetes' {@code default}. */
    private static String serviceAccount(JsonNode podSpec) {
        String name = podSpec.path("serviceAccountName").asText("");
        return name.isBlank() ? Workload.DEFAULT_SERVICE_ACCOUNT : name;
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
