package io.vigil.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An EC P-256 certificate authority that issues the TLS certificates of the broker, the receiver
 * and the sites. All X.509 construction of Vigil lives here.
 */
public final class CertificateAuthority {

    /**
     * What a certificate is for; decides key usage and extended key usage. {@code PEER}: both, for a
     * server that also connects to its own kind (a Kafka broker to its controller).
     */
    public enum Role { SERVER, CLIENT, PEER }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    public CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    public static CertificateAuthority create(String commonName, Duration validity) {
        try {
            KeyPair keys = newEcKeyPair();
            X500Name name = name(commonName);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial(), Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
                    name, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new PkiException("cannot create CA " + commonName, e);
        }
    }

    /** Issues a certificate for a new P-256 key pair; the names become SANs. */
    public IssuedCertificate issue(String commonName, Role role, Duration validity, List<String> dnsNames,
                                   List<String> ipAddresses) {
        try {
            KeyPair keys = newEcKeyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    certificate, serial(), Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
                    name(commonName), keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(switch (role) {
                case SERVER -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
                case CLIENT -> new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
                case PEER -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
            }));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(certificate));
            List<GeneralName> altNames = new ArrayList<>();
            dnsNames.forEach(dns -> altNames.add(new GeneralName(GeneralName.dNSName, dns)));
            ipAddresses.forEach(ip -> altNames.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!altNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
            return new IssuedCertificate(sign(builder, privateKey), keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new PkiException("cannot issue certificate for " + commonName, e);
        }
    }

    /**
     * A CRL signed by this CA: the entries of {@code previous} (if any) plus {@code serials} revoked now
     * with {@code reason} (an RFC 5280 reason code), numbered one above {@code previous}.
     */
    public X509CRL crl(X509CRL previous, Collection<BigInteger> serials, int reason, Duration validity) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(validity)));
            BigInteger number = BigInteger.ONE;
            if (previous != null) {
                builder.addCRL(new JcaX509CRLHolder(previous));
                byte[] extension = previous.getExtensionValue(Extension.cRLNumber.getId());
                if (extension != null) {
                    number = CRLNumber.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getCRLNumber()
                            .add(BigInteger.ONE);
                }
            }
            Set<BigInteger> listed = new HashSet<>();
            if (previous != null && previous.getRevokedCertificates() != null) {
                previous.getRevokedCertificates().forEach(entry -> listed.add(entry.getSerialNumber()));
            }
            for (BigInteger serial : serials) {
                if (listed.add(serial)) {
                    builder.addCRLEntry(serial, Date.from(now), reason);
                }
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return new JcaX509CRLConverter().getCRL(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(privateKey)));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new PkiException("cannot sign a CRL", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, java.security.cert.CertificateException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Vigil development PKI")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }

    private static KeyPair newEcKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** A certificate with its private key and the CA certificate that signed it. */
    public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {}
}
