package io.vigil.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes certificates and keys as PEM and PKCS12; private key files are created owner-only. */
public final class PemFiles {

    private PemFiles() {}

    public static String toPem(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new PkiException("cannot encode PEM", e);
        }
        return out.toString();
    }

    public static void writeCertificate(Path file, X509Certificate... chain) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            pem.append(toPem(certificate));
        }
        writeAtomically(file, pem.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    /** PKCS#8 ("PRIVATE KEY"), which OpenSSL, Mosquitto and Java all read. */
    public static String privateKeyPem(PrivateKey key) {
        return toPem(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()));
    }

    public static void writePrivateKey(Path file, PrivateKey key) {
        writeAtomically(file, privateKeyPem(key).getBytes(StandardCharsets.US_ASCII), true);
    }

    /**
     * PKCS#8 with the public key inside the EC private key structure (RFC 5915's optional field). The
     * JDK leaves it out, and GnuTLS (rsyslog's TLS driver) refuses EC keys without it; OpenSSL and
     * Java read both forms.
     */
    public static void writePrivateKey(Path file, PrivateKey key, PublicKey publicKey) {
        String pem = privateKeyPem(key);
        if (key instanceof ECPrivateKey ec && publicKey != null) {
            try {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
                org.bouncycastle.asn1.sec.ECPrivateKey inner = new org.bouncycastle.asn1.sec.ECPrivateKey(
                        ec.getParams().getOrder().bitLength(), ec.getS(),
                        SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData(), null);
                pem = toPem(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY",
                        new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), inner).getEncoded()));
            } catch (IOException e) {
                throw new PkiException("cannot encode a private key", e);
            }
        }
        writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII), true);
    }

    /** A PKCS12 key store with one private key entry (alias = {@code alias}) and its chain. */
    public static void writePkcs12(Path file, String alias, PrivateKey key, char[] password, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain);
            writeAtomically(file, storeBytes(store, password), true);
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new PkiException("cannot write " + file, e);
        }
    }

    /** A PKCS12 trust store holding only certificates. */
    public static void writeTrustStore(Path file, char[] password, X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("ca-" + i, trusted[i]);
            }
            writeAtomically(file, storeBytes(store, password), false);
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new PkiException("cannot write " + file, e);
        }
    }

    public static X509Certificate readCertificate(Path file) {
        Object parsed = readPem(file);
        if (!(parsed instanceof X509CertificateHolder holder)) {
            throw new PkiException(file + " does not hold a certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new PkiException("cannot read " + file, e);
        }
    }

    public static X509CRL readCrl(Path file) {
        Object parsed = readPem(file);
        if (!(parsed instanceof X509CRLHolder holder)) {
            throw new PkiException(file + " does not hold a CRL");
        }
        try {
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (java.security.cert.CRLException e) {
            throw new PkiException("cannot read " + file, e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) {
        Object parsed = readPem(file);
        try {
            if (parsed instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            if (parsed instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
                // JcaPEMWriter writes EC keys as SEC1 without the public key: converting the pair would fail
                return new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new PkiException("cannot read " + file, e);
        }
        throw new PkiException(file + " does not hold a private key");
    }

    public static KeyStore readPkcs12(Path file, char[] password) {
        try (var in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new PkiException("cannot read " + file, e);
        }
    }

    private static Object readPem(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new PkiException(file + " holds no PEM object");
            }
            return parsed;
        } catch (IOException e) {
            throw new PkiException("cannot read " + file, e);
        }
    }

    private static byte[] storeBytes(KeyStore store, char[] password)
            throws java.security.GeneralSecurityException, IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        store.store(bytes, password);
        return bytes.toByteArray();
    }

    /** Writes to a temporary sibling and renames it, so a reader never sees half a file. */
    public static void writeAtomically(Path file, byte[] content, boolean secret) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (secret) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(content);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PkiException("cannot write " + file, e);
        }
    }

}
