package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLException;

/**
 * Whether the gateway can read one cluster, from its informers. An informer whose list or watch fails (the API server
 * unreachable, the kubeconfig's identity forbidden, the Istio kinds not installed) never stops the gateway: it retries
 * with fabric8's exponential backoff (from {@code watchReconnectInterval}, 1 s, doubling to 32 s), and
 * {@link #problem()} says what is wrong until every informer of the cluster watches again.
 */
final class ClusterAccess implements ExceptionHandler {

    private static final System.Logger LOG = System.getLogger(ClusterAccess.class.getName());

    private final String cluster;
    private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
    private volatile String lastProblem = "";
    private final boolean unusable;

    ClusterAccess(String cluster) {
        this(cluster, "", false);
    }

    private ClusterAccess(String cluster, String problem, boolean unusable) {
        this.cluster = cluster;
        this.lastProblem = problem;
        this.unusable = unusable;
    }

    /** A cluster the gateway has no way to read (its kubeconfig cannot be used): {@code problem} for good. */
    static ClusterAccess unusable(String cluster, String problem) {
        return new ClusterAccess(cluster, problem, true);
    }

    String cluster() {
        return cluster;
    }

    /** Starts {@code informer} without waiting for its first list; its failures are retried and reported here. */
    <T> SharedIndexInformer<T> start(SharedIndexInformer<T> informer) {
        informer.exceptionHandler(this);
        informers.add(informer);
        informer.start();
        return informer;
    }

    /** What keeps the gateway from reading the cluster, while an informer is not watching; empty when all are. */
    Optional<String> problem() {
        if (!unusable && informers.stream().allMatch(SharedIndexInformer::isWatching)) {
            return Optional.empty();
        }
        return Optional.of(lastProblem.isEmpty() ? "not read yet: waiting for the first list" : lastProblem);
    }

    @Override
    public boolean retryAfterException(boolean started, Throwable failure) {
        String problem = describe(failure);
        if (!problem.equals(lastProblem)) {
            LOG.log(System.Logger.Level.WARNING, "cannot read cluster " + cluster + " (retrying with backoff): "
                    + problem);
        }
        lastProblem = problem;
        return true;
    }

    /** One line an instructor can act on: what failed and the likely cause. */
    static String describe(Throwable failure) {
        KubernetesClientException api = cause(failure, KubernetesClientException.class).orElse(null);
        int code = api == null ? 0 : api.getCode();
        String detail = api != null && api.getStatus() != null && api.getStatus().getMessage() != null
                ? api.getStatus().getMessage() : rootMessage(failure);
        return switch (code) {
            case 401 -> "unauthorized (401): the kubeconfig's credentials were refused: " + detail;
            case 403 -> "forbidden (403): the kubeconfig's identity may not list or watch here "
                    + "(is the read-only Role bound?): " + detail;
            case 404 -> "not found (404): the namespace or the Istio kinds are missing (is Istio installed?): " + detail;
            case 0 -> unreachable(failure);
            default -> "the API server answered " + code + ": " + detail;
        };
    }

    private static String unreachable(Throwable failure) {
        if (cause(failure, UnknownHostException.class).isPresent()) {
            return "unreachable: the API server's host name does not resolve (check the kubeconfig's server): "
                    + rootMessage(failure);
        }
        if (cause(failure, SSLException.class).isPresent()) {
            return "unreachable: TLS failed (check the kubeconfig's certificate-authority-data): "
                    + rootMessage(failure);
        }
        if (cause(failure, ConnectException.class).isPresent()
                || cause(failure, HttpConnectTimeoutException.class).isPresent()) {
            return "unreachable: cannot connect to the API server (check the kubeconfig's server and the network): "
                    + rootMessage(failure);
        }
        return "unreachable: " + rootMessage(failure);
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
