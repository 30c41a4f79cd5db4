package io.theatermsa.cli.local;

import io.theatermsa.kubeapi.BearerTokens;
import io.theatermsa.kubeapi.ClusterBridge;
import io.theatermsa.kubeapi.ClusterEvents;
import io.theatermsa.kubeapi.ClusterStore;
import io.theatermsa.kubeapi.ClusterWorkloads;
import io.theatermsa.kubeapi.KubeApiServer;
import io.theatermsa.kubeapi.Kubeconfig;
import io.theatermsa.kubeapi.MeshAdmission;
import io.theatermsa.kubeapi.ServerCertificate;
import io.theatermsa.mesh.ClusterConfigs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The Kubernetes API of each emulated cluster, on a free loopback port: one store per cluster, bridged to that
 * cluster's configuration in force, behind one server, all trusting one certificate; and the kubeconfig whose
 * contexts are named after the clusters ({@code ctx1}, {@code ctx2}), holding the admin token. Each server also
 * shows its cluster's workloads and lets kubectl scale, delete and restart them.
 */
public final class LocalKubeApi implements AutoCloseable {

    private final Map<String, String> urls;
    private final Map<String, ClusterEvents> events;
    private final Path kubeconfig;
    private final Map<Path, String> written;
    private final Deque<AutoCloseable> toClose;

    private LocalKubeApi(Map<String, String> urls, Map<String, ClusterEvents> events, Path kubeconfig,
                         Map<Path, String> written, Deque<AutoCloseable> toClose) {
        this.urls = Map.copyOf(urls);
        this.events = Map.copyOf(events);
        this.kubeconfig = kubeconfig;
        this.written = Map.copyOf(written);
        this.toClose = toClose;
    }

    /**
     * Starts a server for every cluster of {@code mesh}, each store holding {@code default}, {@code namespace} and
     * the cluster's configuration in force, and writes {@code kubeconfig} with the admin token and, next to it,
     * {@link #readOnlyNextTo its read-only twin} with the read-only token (both mode 0600, starting in
     * {@code namespace}, their current context the first cluster), each server serving what {@code workloads} gives
     * for its cluster (and the events recorder of its store). Starts all or nothing.
     */
    static LocalKubeApi start(ClusterConfigs mesh, String namespace, BearerTokens tokens, Path kubeconfig,
                              BiFunction<String, ClusterEvents, ClusterWorkloads> workloads) {
        ServerCertificate certificate = ServerCertificate.generate(Clock.systemUTC(), new SecureRandom());
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Map<String, String> urls = new LinkedHashMap<>();
            Map<String, ClusterEvents> recorders = new LinkedHashMap<>();
            List<Kubeconfig.Context> contexts = new ArrayList<>();
            for (String cluster : mesh.clusters()) {
                ClusterStore store = ClusterStore.withNamespaces(
                        new LinkedHashSet<>(List.of("default", namespace)).toArray(String[]::new));
                ClusterEvents events = new ClusterEvents(store, Clock.systemUTC());
                KubeApiServer server = KubeApiServer.start(store, new MeshAdmission(), workloads.apply(cluster, events),
                                                           events, tokens, certificate, 0);
                started.push(server);
                started.push(ClusterBridge.open(store, mesh, cluster));
                urls.put(cluster, server.url());
                recorders.put(cluster, events);
                contexts.add(new Kubeconfig.Context(cluster, server.url()));
            }
            Map<Path, String> written = new LinkedHashMap<>();
            Path readOnly = readOnlyNextTo(kubeconfig);
            Kubeconfig.write(kubeconfig, contexts, certificate, tokens.admin(), namespace);
            written.put(kubeconfig, Files.readString(kubeconfig));
            Kubeconfig.write(readOnly, contexts, certificate, Kubeconfig.READ_ONLY_USER, tokens.readOnly(), namespace);
            written.put(readOnly, Files.readString(readOnly));
            return new LocalKubeApi(urls, recorders, kubeconfig.toAbsolutePath().normalize(), written, started);
        } catch (IOException e) {
            LocalStack.closeAll(started);
            throw new UncheckedIOException("cannot read back the kubeconfig " + kubeconfig, e);
        } catch (RuntimeException e) {
            LocalStack.closeAll(started);
            throw e;
        }
    }

    /** Where {@code theater up} run from {@code home} writes the kubeconfig. */
    public static Path fileIn(Path home) {
        return home.resolve(".theater").resolve("kubeconfig");
    }

    /**
     * The kubeconfig with the read-only token written next to {@code kubeconfig}: {@code kubeconfig-readonly}, the
     * same contexts ({@code ctx1}, {@code ctx2}) for the user {@code theater-student}, who may get, list and watch.
     */
    public static Path readOnlyNextTo(Path kubeconfig) {
        return kubeconfig.resolveSibling(kubeconfig.getFileName() + "-readonly");
    }

    /** The events recorder of {@code cluster}'s store; empty for a cluster this stack does not serve. */
    Optional<ClusterEvents> events(String cluster) {
        return Optional.ofNullable(events.get(cluster));
    }

    /** Each cluster's server, {@code https://127.0.0.1:<port>}. */
    public Map<String, String> urls() {
        return urls;
    }

    /** The kubeconfig written, as an absolute path. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * Stops following the mesh, then each server, then removes the kubeconfigs, so that none is left pointing at
     * servers that are gone; a kubeconfig someone has rewritten since is left alone.
     */
    @Override
    public void close() {
        LocalStack.closeAll(toClose);
        written.forEach((file, content) -> {
            try {
                if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                System.err.println("warning: cannot remove " + file + ": " + e.getMessage());
            }
        });
    }
}
