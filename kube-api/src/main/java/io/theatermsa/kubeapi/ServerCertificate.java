package io.theatermsa.kubeapi;

import io.helidon.common.tls.Tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The TLS identity of the loopback API servers: a self-signed CA and a serving certificate it signs for
 * {@code 127.0.0.1} and {@code localhost}. kubectl sends bearer tokens only over TLS (kube-api.md 7.3), and trusts
 * this CA through the kubeconfig's {@code certificate-authority-data} ({@link #caData()}). One instance can serve
 * every cluster of a stack; a stack keeps it in a directory and reuses it ({@link #reusedOrMade}).
 */
public final class ServerCertificate {

    static final String SERVER_ADDRESS = "127.0.0.1";
    static final String SERVER_HOST = "localhost";
    /** How long a new certificate is valid: a year, like the certificates of kind and minikube. */
    static final Duration VALIDITY = Duration.ofDays(365);

    private final X509Certificate ca;
    private final X509Certificate server;
    private final PrivateKey serverKey;
    private Tls tls;

    ServerCertificate(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
        this.ca = ca;
        this.server = server;
        this.serverKey = serverKey;
    }

    /** A new CA and serving certificate (P-256 ECDSA), valid from a minute before {@code clock}'s now. */
    public static ServerCertificate generate(Clock clock, SecureRandom random) {
        return SelfSignedPair.make(clock.instant().minus(Duration.ofMinutes(1)), VALIDITY, random);
    }

    /**
     * The certificate kept in {@code directory} when it is whole and still good for a while
     * ({@link StoredCertificate#read}), otherwise a {@link #generate new one}, kept there for the next start (the
     * key readable by its owner only). Making one costs about half a second of CPU (BouncyCastle's signed jars are
     * verified as they load); reading one needs the JDK alone. A client that trusts the CA keeps trusting the
     * servers as long as it is reused.
     */
    public static ServerCertificate reusedOrMade(Path directory, Clock clock, SecureRandom random) {
        return StoredCertificate.read(directory, clock.instant()).orElseGet(() -> {
            ServerCertificate made = generate(clock, random);
            StoredCertificate.write(directory, made);
            return made;
        });
    }

    /** The CA certificate in PEM. */
    public String caPem() {
        return pem(ca);
    }

    /** The kubeconfig's {@code certificate-authority-data}: the CA's PEM, base64-encoded. */
    public String caData() {
        return Base64.getEncoder().encodeToString(caPem().getBytes(StandardCharsets.US_ASCII));
    }

    /** The CA, for a client that must trust these servers (tests). */
    public X509Certificate caCertificate() {
        return ca;
    }

    X509Certificate serverCertificate() {
        return server;
    }

    PrivateKey serverKey() {
        return serverKey;
    }

    /** Valid from now until at least {@code until}? */
    boolean validUntil(Instant now, Instant until) {
        return !now.isBefore(notBefore()) && !until.isAfter(server.getNotAfter().toInstant())
               && !until.isAfter(ca.getNotAfter().toInstant());
    }

    private Instant notBefore() {
        Instant server = this.server.getNotBefore().toInstant();
        Instant ca = this.ca.getNotBefore().toInstant();
        return server.isAfter(ca) ? server : ca;
    }

    /**
     * The servers' TLS, made once. Its key manager hands out this key and chain as they are: a key store (what
     * Helidon builds from a key) encrypts the key with 10,000 rounds of PBKDF2 per server, a fifth of a second of
     * CPU at every start.
     */
    synchronized Tls tls() {
        if (tls == null) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                // No trust managers: the servers ask no client for a certificate, so the JDK's CA list is not read.
                context.init(new KeyManager[] {new SingleKeyManager(serverKey, server, ca)}, new TrustManager[0],
                             null);
                tls = Tls.builder().sslContext(context).build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up the API server's TLS", e);
            }
        }
        return tls;
    }

    static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
               + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
               + "\n-----END " + label + "-----\n";
    }
}
