package io.theatermsa.kubeapi;

import io.helidon.common.tls.Tls;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * The TLS identity of the loopback API servers: a self-signed CA made at start and a serving certificate it
 * signs for {@code 127.0.0.1} and {@code localhost}. kubectl sends bearer tokens only over TLS (kube-api.md 7.3),
 * and trusts this CA through the kubeconfig's {@code certificate-authority-data} ({@link #caData()}). Nothing is
 * written to disk; one instance can serve every cluster of a stack.
 */
public final class ServerCertificate {

    private static final Duration VALIDITY = Duration.ofDays(30);

    private final X509Certificate ca;
    private final X509Certificate server;
    private final KeyPair serverKeys;

    private ServerCertificate(X509Certificate ca, X509Certificate server, KeyPair serverKeys) {
        this.ca = ca;
        this.server = server;
        this.serverKeys = serverKeys;
    }

    /** A new CA and serving certificate (P-256 ECDSA), valid from a minute before {@code clock}'s now. */
    public static ServerCertificate generate(Clock clock, SecureRandom random) {
        try {
            KeyPair caKeys = keyPair(random);
            KeyPair serverKeys = keyPair(random);
            Instant from = clock.instant().minus(Duration.ofMinutes(1));
            X500Name caName = new X500Name("CN=theater-local-kube-ca");
            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(random),
                    Date.from(from), Date.from(from.plus(VALIDITY)), caName, caKeys.getPublic());
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(caBuilder, caKeys);

            X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(caName, serial(random),
                    Date.from(from), Date.from(from.plus(VALIDITY)), new X500Name("CN=kube-apiserver"),
                    serverKeys.getPublic());
            serverBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            serverBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            serverBuilder.addExtension(Extension.extendedKeyUsage, false,
                                       new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            serverBuilder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            return new ServerCertificate(ca, sign(serverBuilder, caKeys), serverKeys);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make the API server's certificate", e);
        }
    }

    /** The CA certificate in PEM. */
    public String caPem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(ca.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kubeconfig's {@code certificate-authority-data}: the CA's PEM, base64-encoded. */
    public String caData() {
        return Base64.getEncoder().encodeToString(caPem().getBytes(StandardCharsets.US_ASCII));
    }

    /** The CA, for a client that must trust these servers (tests). */
    public X509Certificate caCertificate() {
        return ca;
    }

    Tls tls() {
        return Tls.builder().privateKey(serverKeys.getPrivate()).privateKeyCertChain(List.of(server, ca)).build();
    }

    private static KeyPair keyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
