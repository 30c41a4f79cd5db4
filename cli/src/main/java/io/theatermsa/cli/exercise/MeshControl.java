package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.cli.local.StackClient;
import io.theatermsa.gateway.delivery.CanaryStatus;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code exercise start} changes to put the running stack in an exercise's known state: the configuration of
 * both clusters (through the gateway's admin API, or one cluster's Kubernetes API), service faults, the network
 * between the clusters and the number of pods.
 */
public final class MeshControl {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(30);

    private final StackClient stack;
    private final ClusterApi clusters;
    private final Topology topology;
    private final Path home;
    private final Path workDir;

    /**
     * @param home    the project folder ({@code k8s/practice} is there)
     * @param workDir where an exercise's files for the student go ({@code .theater/exercise})
     */
    MeshControl(StackClient stack, ClusterApi clusters, Topology topology, Path home, Path workDir) {
        this.stack = stack;
        this.clusters = clusters;
        this.topology = topology;
        this.home = home;
        this.workDir = workDir;
    }

    /**
     * Every fault cleared, the network healed, no canary or A/B test (running ones stopped, ended ones forgotten),
     * each deployment at the topology's pods, {@code scenario} in force.
     */
    void baseline(String scenario) throws IOException {
        expect(stack.delete("/api/faults"), "clear the service faults");
        for (JsonNode canary : LiveMesh.elements(stack.get("/api/canary").body().path("canaries"))) {
            String service = canary.path("service").asText();
            if (CanaryStatus.Phase.valueOf(canary.path("phase").asText()).active()) {
                expect(stack.post("/api/canary/" + service + "/abort", ""), "abort the canary of " + service);
            }
            expect(stack.delete("/api/canary/" + service), "forget the canary of " + service);
        }
        for (JsonNode test : LiveMesh.elements(stack.get("/api/ab").body().path("tests"))) {
            String service = test.path("service").asText();
            expect(stack.delete("/api/ab/" + service), "stop the A/B test of " + service);
        }
        expect(stack.delete("/api/mesh/partition"), "heal the network");
        for (Workload service : topology.services()) {
            for (String cluster : service.clusters()) {
                clusters.scale(cluster, topology.namespace(), service.name() + "-" + cluster, service.podsIn(cluster));
            }
        }
        applyScenario(scenario);
    }

    /** A practice scenario ({@code k8s/practice/…}) in force in every cluster. */
    public void applyScenario(String relative) throws IOException {
        ObjectNode body = NODES.objectNode().put("path", home.resolve(relative).toString());
        expect(stack.post("/api/mesh/scenario", body.toString()), "apply " + relative);
    }

    /** The objects of the bundled {@code resource} replaced in every cluster, as kubectl apply to each context. */
    public void replaceEverywhere(String resource) throws IOException {
        for (String cluster : topology.clusterNames()) {
            replaceIn(cluster, resource);
        }
    }

    /**
     * The objects of the bundled {@code resource} replaced in {@code cluster} alone; returns once that cluster has
     * put them in force (its generation moved), at most {@link #IN_FORCE_WITHIN} later.
     */
    public void replaceIn(String cluster, String resource) throws IOException {
        long before = generation(cluster);
        clusters.replace(cluster, resource(resource));
        long deadline = System.nanoTime() + IN_FORCE_WITHIN.toNanos();
        while (generation(cluster) == before) {
            if (System.nanoTime() > deadline) {
                throw new Refused(cluster + " did not put " + resource + " in force within " + IN_FORCE_WITHIN);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private long generation(String cluster) throws IOException {
        for (var inForce : stack.get("/api/mesh/config").body().path("clusters")) {
            if (inForce.path("cluster").asText().equals(cluster)) {
                return inForce.path("generation").asLong();
            }
        }
        throw new Refused("the gateway does not report the cluster " + cluster);
    }

    /** {@code service}'s split set in every cluster, as the dashboard sets it. */
    public void setWeights(String service, int ctx1, int ctx2) throws IOException {
        ObjectNode body = NODES.objectNode();
        body.putObject("weights").put("ctx1", ctx1).put("ctx2", ctx2);
        expect(stack.put("/api/mesh/weights/" + service, body.toString()), "set the weights of " + service);
    }

    /** A service fault on {@code service} in {@code cluster}, as {@code theater fault} injects it. */
    public void fault(String service, String cluster, ObjectNode effect, Duration duration) throws IOException {
        ObjectNode body = NODES.objectNode();
        body.putObject("target").put("service", service).put("cluster", cluster);
        body.set("effect", effect);
        body.put("duration", duration.toString());
        expect(stack.post("/api/faults", body.toString()), "inject a fault into " + service + "@" + cluster);
    }

    /** An application error on {@code ratePercent} of the requests. */
    public static ObjectNode error(double ratePercent, int status) {
        return NODES.objectNode().put("kind", "error").put("ratePercent", ratePercent).put("status", status);
    }

    /** A refused connection, as a crashed pod. */
    public static ObjectNode down() {
        return NODES.objectNode().put("kind", "down");
    }

    /** The network between the clusters cut both ways. */
    public void partition() throws IOException {
        expect(stack.post("/api/mesh/partition", "{}"), "cut the network");
    }

    /** Writes {@code resource} to the exercise's folder for the student to edit; returns the file. */
    public Path handOut(String resource, String fileName) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve(fileName);
        Files.writeString(file, resource(resource));
        return file;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = MeshControl.class.getResourceAsStream(name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("no bundled exercise resource " + name + ".yaml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The stack answered, and refused a change; unlike other {@link IOException}s, the stack is there. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private static void expect(StackClient.Reply reply, String what) throws Refused {
        if (reply.status() / 100 != 2) {
            throw new Refused("cannot " + what + ": HTTP " + reply.status() + " "
                                  + reply.body().path("error").asText() + " " + reply.body().path("message").asText());
        }
    }
}
