package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.topology.Topology;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 12's speed targets, measured in-process on a whole local stack (not a test: {@code
 * scripts/measure-kube-api.sh} runs it):
 * <ol>
 *   <li>a {@code kubectl get vs} list request (Table output, TLS, admin token) on a kept-alive connection: the time
 *       from sending it to having the whole answer, client included;</li>
 *   <li>an applied change in force: a PUT of {@code user-service-vs} (weights swapped) to ctx1's API, from the
 *       moment it is sent until ctx1's control plane has put the new snapshot in force (every ctx1 sidecar reads
 *       that snapshot on its next request), with the time the PUT was answered beside it. No polling: a listener
 *       on the mesh timestamps the change on the thread that applies it.</li>
 * </ol>
 * Prints n, p50, p95 and max of each, in milliseconds. Arguments: list requests, changes (defaults 200, 50).
 */
public final class KubeApiLatencyHarness {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private KubeApiLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int gets = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path kubeconfig = Files.createTempDirectory("theater-harness").resolve("kubeconfig");
        String token = "harness-admin-token";
        Path home = Path.of(System.getProperty("theater.home", "..")).toAbsolutePath().normalize();
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings("127.0.0.1", 0, home,
                home.resolve("k8s/practice/01-initial"), null, AdminToken.of(token), Topology.bundled(),
                "harness-read-only-token", kubeconfig))) {
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(kubeconfig))
                    .version(HttpClient.Version.HTTP_1_1).build();
            String vs = stack.kubeApi().urls().get("ctx1")
                    + "/apis/networking.istio.io/v1/namespaces/theater-msa/virtualservices";
            for (int i = 0; i < 20; i++) {
                list(http, vs, token);
                change(stack, http, vs, token);
            }
            List<Double> listed = new ArrayList<>();
            for (int i = 0; i < gets; i++) {
                listed.add(list(http, vs, token));
            }
            List<Double> answered = new ArrayList<>();
            List<Double> inForce = new ArrayList<>();
            for (int i = 0; i < changes; i++) {
                double[] times = change(stack, http, vs, token);
                answered.add(times[0]);
                inForce.add(times[1]);
            }
            System.out.println("kubectl get vs (list, Table, TLS, kept-alive), round trip: " + summary(listed));
            System.out.println("PUT user-service-vs to ctx1, answered:                    " + summary(answered));
            System.out.println("PUT user-service-vs to ctx1, in force in ctx1's sidecars: " + summary(inForce));
        }
        Files.deleteIfExists(kubeconfig.getParent());
    }

    private static double list(HttpClient http, String vs, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vs)).header("Authorization", "Bearer " + token)
                .header("Accept", TABLE).GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long end = System.nanoTime();
        check(response, 200);
        return (end - start) / 1e6;
    }

    /** One PUT with the weights swapped; returns the milliseconds until it was answered and until it was in force. */
    private static double[] change(LocalStack stack, HttpClient http, String vs, String token) throws Exception {
        HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(vs + "/user-service-vs"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        check(got, 200);
        ObjectNode object = (ObjectNode) Json.newMapper().readTree(got.body());
        for (JsonNode route : object.path("spec").path("http")) {
            for (JsonNode destination : route.path("route")) {
                if (destination.has("weight")) {
                    ((ObjectNode) destination).put("weight", 100 - destination.get("weight").asInt());
                }
            }
        }
        long before = stack.mesh().inForce("ctx1").snapshot().generation();
        CompletableFuture<Long> applied = new CompletableFuture<>();
        Subscription listening = stack.mesh().onChange(inForce -> {
            if (inForce.cluster().equals("ctx1") && inForce.snapshot().generation() > before) {
                applied.complete(System.nanoTime());
            }
        });
        try {
            HttpRequest put = HttpRequest.newBuilder(URI.create(vs + "/user-service-vs"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(object.toString())).build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            check(response, 200);
            long inForce = applied.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return new double[] {(answered - start) / 1e6, (inForce - start) / 1e6};
        } finally {
            listening.close();
        }
    }

    private static void check(HttpResponse<?> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static String summary(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms", sorted.size(),
                             at(sorted, 0.50), at(sorted, 0.95), sorted.getLast());
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (quantile * sorted.size())));
    }

    /** An SSL context that trusts the CA the kubeconfig names (the API servers' own). */
    private static SSLContext trusting(Path kubeconfig) throws Exception {
        Matcher ca = Pattern.compile("certificate-authority-data: \"?([A-Za-z0-9+/=]+)")
                .matcher(Files.readString(kubeconfig));
        if (!ca.find()) {
            throw new IllegalStateException("no certificate-authority-data in " + kubeconfig);
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("theater", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(ca.group(1)))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
