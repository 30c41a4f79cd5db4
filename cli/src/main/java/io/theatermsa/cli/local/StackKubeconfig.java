package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kubeconfig {@code theater up} writes, read back by the commands that talk to the local Kubernetes APIs as
 * kubectl does: one server per cluster, one certificate authority they share, one bearer token.
 *
 * @param servers each cluster's API server, in the kubeconfig's order
 * @param token   the bearer token every request sends
 * @param trust   a TLS context that trusts the kubeconfig's certificate authority
 */
public record StackKubeconfig(Map<String, URI> servers, String token, SSLContext trust) {

    public StackKubeconfig {
        servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
    }

    /** Reads {@code kubeconfig}; fails when it names no cluster, certificate authority or token. */
    public static StackKubeconfig read(Path kubeconfig) throws IOException {
        JsonNode config = new YAMLMapper().readTree(Files.readString(kubeconfig));
        Map<String, URI> servers = new LinkedHashMap<>();
        String caData = "";
        for (JsonNode cluster : config.path("clusters")) {
            servers.put(cluster.path("name").asText(), URI.create(cluster.path("cluster").path("server").asText()));
            caData = cluster.path("cluster").path("certificate-authority-data").asText(caData);
        }
        String token = config.path("users").path(0).path("user").path("token").asText();
        if (servers.isEmpty() || caData.isEmpty() || token.isEmpty()) {
            throw new IOException("the kubeconfig " + kubeconfig + " names no cluster, CA or token");
        }
        return new StackKubeconfig(servers, token, trusting(caData));
    }

    /** An HTTP client for these servers: their CA trusted, connections given up after two seconds. */
    public HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static SSLContext trusting(String caData) throws IOException {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("theater-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(caData))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the kubeconfig's certificate-authority-data is not a certificate: "
                                  + e.getMessage(), e);
        }
    }
}
