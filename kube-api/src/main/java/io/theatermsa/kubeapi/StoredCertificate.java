package io.theatermsa.kubeapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ServerCertificate} kept in a directory as kubeadm keeps its PKI: {@code ca.crt}, {@code apiserver.crt}
 * and {@code apiserver.key} (PKCS #8), in PEM, the key readable by its owner only. Read with the JDK alone.
 */
final class StoredCertificate {

    static final String CA_FILE = "ca.crt";
    static final String SERVER_FILE = "apiserver.crt";
    static final String KEY_FILE = "apiserver.key";
    /** A stored certificate with less left than this is replaced: no stack outlives it. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String KEY_LABEL = "PRIVATE KEY";
    private static final byte[] PROBE = "theater-kube-apiserver".getBytes(StandardCharsets.US_ASCII);

    private StoredCertificate() {
    }

    /**
     * The certificate in {@code directory}, when all three files are there and whole, the server certificate is
     * the CA's and names {@code 127.0.0.1} and {@code localhost}, the key is its key, and both are valid from
     * {@code now} for {@link #RENEW_BEFORE} more; otherwise empty (a missing or damaged file is no error: a new
     * certificate replaces it).
     */
    static Optional<ServerCertificate> read(Path directory, Instant now) {
        try {
            ServerCertificate stored = new ServerCertificate(certificate(directory.resolve(CA_FILE)),
                    certificate(directory.resolve(SERVER_FILE)), key(directory.resolve(KEY_FILE)));
            return sound(stored, now) ? Optional.of(stored) : Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code certificate} into {@code directory} (made if missing), each file replaced whole. */
    static void write(Path directory, ServerCertificate certificate) {
        try {
            PrivateFiles.write(directory.resolve(KEY_FILE), ServerCertificate.pem(KEY_LABEL,
                                                                                   certificate.serverKey().getEncoded()));
            PrivateFiles.write(directory.resolve(SERVER_FILE), ServerCertificate.pem(certificate.serverCertificate()));
            PrivateFiles.write(directory.resolve(CA_FILE), certificate.caPem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API server's certificate in " + directory, e);
        }
    }

    private static boolean sound(ServerCertificate stored, Instant now) throws GeneralSecurityException {
        X509Certificate ca = stored.caCertificate();
        X509Certificate server = stored.serverCertificate();
        if (!stored.validUntil(now, now.plus(RENEW_BEFORE)) || !namesTheServer(server)) {
            return false;
        }
        server.verify(ca.getPublicKey());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(stored.serverKey());
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(server.getPublicKey());
        verifier.update(PROBE);
        return verifier.verify(signature);
    }

    private static boolean namesTheServer(X509Certificate server) throws GeneralSecurityException {
        Collection<List<?>> names = server.getSubjectAlternativeNames();
        return names != null && names.contains(List.of(7, ServerCertificate.SERVER_ADDRESS))
               && names.contains(List.of(2, ServerCertificate.SERVER_HOST));
    }

    private static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static PrivateKey key(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII).strip();
        String begin = "-----BEGIN " + KEY_LABEL + "-----";
        String end = "-----END " + KEY_LABEL + "-----";
        if (!pem.startsWith(begin) || !pem.endsWith(end)) {
            throw new GeneralSecurityException(file + " holds no PKCS #8 private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin.length(), pem.length() - end.length()));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
