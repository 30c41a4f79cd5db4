package io.theatermsa.kubeapi;

import io.theatermsa.mesh.Subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * <b>The workload seam</b>: what one emulated cluster runs, as the API server shows it to kubectl (Deployments,
 * their Pods, Services) and the few things kubectl may ask it to do (scale, delete a pod, restart a deployment,
 * show a pod's log). The local stack implements it; the API server derives the ReplicaSets and EndpointSlices and
 * keeps every object in its {@link ClusterStore}, so lists, watches and resourceVersions work as for any kind.
 * <p>
 * The verbs are synchronous: when {@link #scale} returns, {@link #pods} already shows the new pods (Pending or
 * Running); when {@link #deletePod} returns, the old pod is gone and its replacement is there under a new name.
 * A verb may throw an {@link ApiError} to refuse. {@link #onChange} listeners must return at once (the server only
 * notes that something changed and reads the workloads later, on its own thread).
 */
public interface ClusterWorkloads {

    /** A deployment: {@code labels} carry {@code app}, {@code version} and {@code cluster} as k8s/ deploys them. */
    record Deployment(String namespace, String name, Map<String, String> labels, Map<String, String> selector,
                      String image, int containerPort, int replicas, int readyReplicas) {
    }

    /**
     * One pod of a deployment. Its labels are the deployment's plus {@code topology.istio.io/cluster}.
     *
     * @param startTime when it started; {@code null} while Pending
     * @param ip        its pod IP; {@code null} while it has none
     */
    record Pod(String namespace, String name, String deployment, Map<String, String> labels, Phase phase,
               boolean ready, Instant startTime, String node, String ip, int port) {
    }

    /** kube's pod phases. */
    enum Phase {
        PENDING("Pending"), RUNNING("Running"), SUCCEEDED("Succeeded"), FAILED("Failed");

        private final String text;

        Phase(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A ClusterIP service selecting pods by {@code selector}. */
    record Service(String namespace, String name, Map<String, String> labels, List<ServicePort> ports,
                   Map<String, String> selector) {
    }

    /** A service port; {@code targetPort} is the pods' port. */
    record ServicePort(String name, int port, int targetPort) {
    }

    List<Deployment> deployments();

    List<Pod> pods();

    List<Service> services();

    /** {@code kubectl scale}: the deployment runs {@code replicas} pods, new ones under new names. */
    void scale(String namespace, String deployment, int replicas);

    /** {@code kubectl delete pod}: the pod stops and its deployment starts a replacement under a new name. */
    void deletePod(String namespace, String pod);

    /** {@code kubectl rollout restart}: every pod of the deployment is replaced by one under a new name. */
    void restart(String namespace, String deployment);

    /**
     * {@code kubectl logs [-f]}: gives {@code line} the pod's log lines so far before returning, then each new one
     * until the subscription is closed.
     */
    Subscription log(String namespace, String pod, Consumer<String> line);

    /** Tells {@code listener} that deployments, pods or services changed; it must return at once. */
    Subscription onChange(Runnable listener);

    /** A cluster that runs nothing: the API server of a cluster without a stack behind it. */
    ClusterWorkloads NONE = new ClusterWorkloads() {
        @Override
        public List<Deployment> deployments() {
            return List.of();
        }

        @Override
        public List<Pod> pods() {
            return List.of();
        }

        @Override
        public List<Service> services() {
            return List.of();
        }

        @Override
        public void scale(String namespace, String deployment, int replicas) {
            throw new IllegalStateException("no workloads run here");
        }

        @Override
        public void deletePod(String namespace, String pod) {
            throw new IllegalStateException("no workloads run here");
        }

        @Override
        public void restart(String namespace, String deployment) {
            throw new IllegalStateException("no workloads run here");
        }

        @Override
        public Subscription log(String namespace, String pod, Consumer<String> line) {
            return () -> { };
        }

        @Override
        public Subscription onChange(Runnable listener) {
            return () -> { };
        }
    };
}
