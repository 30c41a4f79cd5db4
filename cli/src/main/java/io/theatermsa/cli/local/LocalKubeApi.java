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
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * The Kubernetes API of each emulated cluster, on a free loopback port: one store per cluster, bridged to that
 * cluster's configuration in force, behind one server, all trusting one certificate; and the kubeconfig whose
 * contexts are named after the clusters ({@code ctx1}, {@code ctx2}), holding the admin token. Each server also
 * shows its cluster's workloads and lets kubectl scale, delete and restart them.
 */
public final class LocalKubeApi implements AutoCloseable {

    /** The servers and the kubeconfigs, once they are up: the slow half, started beside the pods. */
    private record Serving(Map<String, String> urls, Path kubeconfig, Map<Path, String> written,
                           Deque<AutoCloseable> servers) {
    }

    private final Map<String, ClusterEvents> events;
    private final Deque<AutoCloseable> bridges;
    private final CompletableFuture<Serving> serving;

    private LocalKubeApi(Map<String, ClusterEvents> events, Deque<AutoCloseable> bridges,
                         CompletableFuture<Serving> serving) {
        this.events = Map.copyOf(events);
        this.bridges = bridges;
        this.serving = serving;
    }

    /**
     * Starts a server for every cluster of {@code mesh}, each store holding {@code default}, {@code namespace} and
     * the cluster's configuration in force, and writes {@code kubeconfig} with the admin token and, next to it,
     * {@link #readOnlyNextTo its read-only twin} with the read-only token (both mode 0600, starting in
     * {@code namespace}, their current context the first cluster), each server serving what {@code workloads} gives
     * for its cluster (and the events recorder of its store). Returns as soon as the stores, their events and their
     * bridges to the mesh exist, so the workloads can start at once; the servers (a TLS key, an HTTPS server per
     * cluster: the larger part of a second) come up on a thread of their own, and {@link #awaitServing()} waits for
     * them. All or nothing, once awaited.
     */
    static LocalKubeApi starting(ClusterConfigs mesh, String namespace, BearerTokens tokens, Path kubeconfig,
                                 BiFunction<String, ClusterEvents, ClusterWorkloads> workloads) {
        Deque<AutoCloseable> bridges = new ArrayDeque<>();
        try {
            Map<String, ClusterEvents> recorders = new LinkedHashMap<>();
            Map<String, ClusterStore> stores = new LinkedHashMap<>();
            Map<String, ClusterWorkloads> served = new LinkedHashMap<>();
            for (String cluster : mesh.clusters()) {
                ClusterStore store = ClusterStore.withNamespaces(
                        new LinkedHashSet<>(List.of("default", namespace)).toArray(String[]::new));
                ClusterEvents events = new ClusterEvents(store, Clock.systemUTC());
                served.put(cluster, workloads.apply(cluster, events));
                bridges.push(ClusterBridge.open(store, mesh, cluster));
                stores.put(cluster, store);
                recorders.put(cluster, events);
            }
            CompletableFuture<Serving> serving = CompletableFuture.supplyAsync(
                    () -> serve(stores, recorders, served, namespace, tokens, kubeconfig),
                    command -> Thread.ofPlatform().name("kube-api-start").start(command));
            return new LocalKubeApi(recorders, bridges, serving);
        } catch (RuntimeException e) {
            LocalStack.closeAll(bridges);
            throw e;
        }
    }

    private static Serving serve(Map<String, ClusterStore> stores, Map<String, ClusterEvents> events,
                                 Map<String, ClusterWorkloads> workloads, String namespace, BearerTokens tokens,
                                 Path kubeconfig) {
        ServerCertificate certificate = ServerCertificate.reusedOrMade(pkiNextTo(kubeconfig), Clock.systemUTC(),
                                                                       new SecureRandom());
        Deque<AutoCloseable> servers = new ArrayDeque<>();
        try {
            Map<String, String> urls = new LinkedHashMap<>();
            List<Kubeconfig.Context> contexts = new ArrayList<>();
            stores.forEach((cluster, store) -> {
                KubeApiServer server = KubeApiServer.start(store, new MeshAdmission(), workloads.get(cluster),
                                                           events.get(cluster), tokens, certificate, 0);
                servers.push(server);
                urls.put(cluster, server.url());
                contexts.add(new Kubeconfig.Context(cluster, server.url()));
            });
            Map<Path, String> written = new LinkedHashMap<>();
            Path readOnly = readOnlyNextTo(kubeconfig);
            Kubeconfig.write(kubeconfig, contexts, certificate, tokens.admin(), namespace);
            written.put(kubeconfig, Files.readString(kubeconfig));
            Kubeconfig.write(readOnly, contexts, certificate, Kubeconfig.READ_ONLY_USER, tokens.readOnly(), namespace);
            written.put(readOnly, Files.readString(readOnly));
            return new Serving(Collections.unmodifiableMap(urls), kubeconfig.toAbsolutePath().normalize(),
                               Map.copyOf(written), servers);
        } catch (IOException e) {
            LocalStack.closeAll(servers);
            throw new UncheckedIOException("cannot read back the kubeconfig " + kubeconfig, e);
        } catch (RuntimeException e) {
            LocalStack.closeAll(servers);
            throw e;
        }
    }

    /** Waits until every server answers and the kubeconfigs are written; throws what stopped them. */
    void awaitServing() {
        serving();
    }

    private Serving serving() {
        try {
            return serving.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
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

    /**
     * Where the servers' CA and certificate are kept between starts: {@code kube-pki/} beside {@code kubeconfig}
     * ({@code .theater/kube-pki/} for {@code theater up}). Deleting it makes a new CA at the next start.
     */
    static Path pkiNextTo(Path kubeconfig) {
        return kubeconfig.toAbsolutePath().resolveSibling("kube-pki");
    }

    /** The events recorder of {@code cluster}'s store; empty for a cluster this stack does not serve. */
    Optional<ClusterEvents> events(String cluster) {
        return Optional.ofNullable(events.get(cluster));
    }

    /** Each cluster's server, {@code https://127.0.0.1:<port>}, in the clusters' order (as {@code up} lists them). */
    public Map<String, String> urls() {
        return serving().urls();
    }

    /** The kubeconfig written, as an absolute path. */
    public Path kubeconfig() {
        return serving().kubeconfig();
    }

    /**
     * Stops following the mesh, then each server, then removes the kubeconfigs, so that none is left pointing at
     * servers that are gone; a kubeconfig someone has rewritten since is left alone.
     */
    @Override
    public void close() {
        LocalStack.closeAll(bridges);
        Serving up;
        try {
            up = serving();
        } catch (RuntimeException e) {
            return; // the servers that had started were closed when the start failed
        }
        LocalStack.closeAll(up.servers());
        up.written().forEach((file, content) -> {
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
