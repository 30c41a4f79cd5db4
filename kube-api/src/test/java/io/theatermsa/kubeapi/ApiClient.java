package io.theatermsa.kubeapi;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.stream.Stream;

/** Plain HTTPS requests to one API server, trusting its CA: for what kubectl never sends. */
final class ApiClient implements AutoCloseable {

    private final HttpClient client;
    private final String base;

    ApiClient(KubeApiServer server, ServerCertificate certificate) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificate.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        this.client = HttpClient.newBuilder().sslContext(tls).build();
        this.base = server.url();
    }

    /** A request to {@code path}, with a 10 s timeout. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} and returns once the headers are in; the body is read line by line as it comes. */
    HttpResponse<Stream<String>> sendLines(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofLines());
    }

    @Override
    public void close() {
        client.close();
    }
}
