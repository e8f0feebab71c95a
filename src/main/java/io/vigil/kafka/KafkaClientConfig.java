package io.vigil.kafka;

import io.vigil.config.VigilProperties;
import io.vigil.pki.PemFiles;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How every Kafka client of Vigil connects: the bootstrap servers and, with {@code SSL} (the default),
 * the client certificate of one {@link KafkaPrincipal} and the Kafka CA to trust. Built once from
 * {@code vigil.kafka.*}; the one place that writes Kafka's security properties.
 */
public record KafkaClientConfig(String bootstrapServers, String securityProtocol, Path truststore,
                                String truststorePassword, String keystorePassword, Map<KafkaPrincipal, Path> keystores) {

    public static final String SSL = "SSL";

    public KafkaClientConfig {
        securityProtocol = securityProtocol.toUpperCase(Locale.ROOT);
        if (!securityProtocol.equals(SSL) && !securityProtocol.equals("PLAINTEXT")) {
            throw new IllegalArgumentException("vigil.kafka.security-protocol is SSL or PLAINTEXT, not " + securityProtocol);
        }
        keystores = Collections.unmodifiableMap(new EnumMap<>(keystores));
    }

    public static KafkaClientConfig from(VigilProperties properties) {
        Map<KafkaPrincipal, Path> keystores = new EnumMap<>(KafkaPrincipal.class);
        for (KafkaPrincipal principal : KafkaPrincipal.values()) {
            keystores.put(principal, properties.getPath("vigil.kafka.keystore." + principal.key(),
                    "var/pki/kafka/" + principal.defaultName() + ".p12"));
        }
        return new KafkaClientConfig(
                properties.get("vigil.kafka.bootstrap-servers"),
                properties.get("vigil.kafka.security-protocol", SSL),
                properties.getPath("vigil.kafka.truststore", "var/pki/kafka/truststore.p12"),
                properties.get("vigil.kafka.truststore-password", "vigil-dev-pki"),
                properties.get("vigil.kafka.keystore-password", "vigil-dev-pki"),
                keystores);
    }

    public boolean tls() {
        return securityProtocol.equals(SSL);
    }

    /** Everything a plain Kafka client of this principal needs to connect: bootstrap servers and security. */
    public Map<String, Object> client(KafkaPrincipal principal) {
        Map<String, Object> config = new HashMap<>(security(principal));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** Only the security settings, e.g. for a Camel Kafka component's additional properties. */
    public Map<String, Object> security(KafkaPrincipal principal) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        if (tls()) {
            config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
            config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystores.get(principal).toString());
            config.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystorePassword);
            config.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, keystorePassword);
            config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
            config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
            config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
            config.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
        }
        return config;
    }

    /**
     * The principal name the broker derives from this principal's certificate (its CN, by the broker's
     * {@code ssl.principal.mapping.rules}), read from the keystore so that ACLs always name the
     * certificate actually presented.
     */
    public String principalName(KafkaPrincipal principal) {
        Path file = keystores.get(principal);
        try {
            KeyStore store = PemFiles.readPkcs12(file, keystorePassword.toCharArray());
            String alias = store.aliases().nextElement();
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            throw new IllegalStateException("the certificate in " + file + " has no CN");
        } catch (KeyStoreException | InvalidNameException e) {
            throw new IllegalStateException("cannot read the Kafka principal from " + file + ": " + e.getMessage(), e);
        }
    }
}
