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
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ServerCertificate} kept in one file, {@code apiserver.pem}: the server's private key (PKCS #8), its
 * certificate and the CA's, in PEM, readable by its owner only. One file, replaced whole, so the key and the
 * certificates in it always belong together and reading them needs no signature check (the elliptic-curve
 * arithmetic of one, run cold, costs a start more than reading does). Read with the JDK alone.
 */
final class StoredCertificate {

    static final String FILE = "apiserver.pem";
    /** A stored certificate with less left than this is replaced: no stack outlives it. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String KEY_LABEL = "PRIVATE KEY";
    private static final String CERTIFICATE_LABEL = "CERTIFICATE";
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private StoredCertificate() {
    }

    /**
     * The certificate in {@code directory}, when its file is there and whole (a key, the server certificate, then
     * the CA that issued it), the server certificate names {@code 127.0.0.1} and {@code localhost}, and both are
     * valid from {@code now} for {@link #RENEW_BEFORE} more; otherwise empty (a missing or damaged file is no error:
     * a new certificate replaces it).
     */
    static Optional<ServerCertificate> read(Path directory, Instant now) {
        try {
            Matcher blocks = BLOCK.matcher(Files.readString(directory.resolve(FILE), StandardCharsets.US_ASCII));
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(next(blocks, KEY_LABEL)));
            X509Certificate server = certificate(next(blocks, CERTIFICATE_LABEL));
            X509Certificate ca = certificate(next(blocks, CERTIFICATE_LABEL));
            ServerCertificate stored = new ServerCertificate(ca, server, key);
            boolean sound = server.getIssuerX500Principal().equals(ca.getSubjectX500Principal())
                            && stored.validUntil(now, now.plus(RENEW_BEFORE)) && namesTheServer(server);
            return sound ? Optional.of(stored) : Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code certificate} into {@code directory} (made if missing), replacing the file whole. */
    static void write(Path directory, ServerCertificate certificate) {
        try {
            PrivateFiles.write(directory.resolve(FILE),
                               ServerCertificate.pem(KEY_LABEL, certificate.serverKey().getEncoded())
                               + ServerCertificate.pem(certificate.serverCertificate()) + certificate.caPem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API server's certificate in " + directory, e);
        }
    }

    private static byte[] next(Matcher blocks, String label) throws GeneralSecurityException {
        if (!blocks.find() || !blocks.group(1).equals(label)) {
            throw new GeneralSecurityException(FILE + " lacks its " + label.toLowerCase());
        }
        return Base64.getMimeDecoder().decode(blocks.group(2));
    }

    private static boolean namesTheServer(X509Certificate server) throws GeneralSecurityException {
        Collection<List<?>> names = server.getSubjectAlternativeNames();
        return names != null && names.contains(List.of(7, ServerCertificate.SERVER_ADDRESS))
               && names.contains(List.of(2, ServerCertificate.SERVER_HOST));
    }

    private static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }
}
