package io.vigil.cli;

import io.vigil.config.VigilProperties;
import io.vigil.kafka.KafkaPrincipal;
import io.vigil.pki.DevPki;
import io.vigil.pki.KafkaPki;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pki", description = "Development PKI.", subcommands = PkiCommand.Init.class)
final class PkiCommand {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the device CA, the broker's server certificate, the receiver's client certificate"
                    + " and site certificates (CN = site id) as PEM and PKCS12 under vigil.pki.dir; in its kafka/"
                    + " folder a Kafka CA, the Kafka broker's certificate and one per Kafka principal. Idempotent:"
                    + " existing keys are kept.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--site", description = "Also issue a certificate for this site id (repeatable).")
        List<String> sites = new ArrayList<>();

        @Option(names = "--broker-key-group", paramLabel = "GID",
                description = "Give this numeric group read access to the broker's private key (Mosquitto drops root"
                        + " privileges before it reads the key; its image runs as gid 1883).")
        Integer brokerKeyGroup;

        @Option(names = "--kafka-key-group", paramLabel = "GID",
                description = "Give this numeric group read access to the Kafka broker's and admin's keystores"
                        + " (the apache/kafka image runs as gid 1000).")
        Integer kafkaKeyGroup;

        @Override
        public Integer call() {
            VigilProperties properties = VigilProperties.load();
            DevPki pki = pki(properties);
            List<String> all = new ArrayList<>(properties.getList("vigil.pki.demo-sites", List.of()));
            all.addAll(sites);
            List<Path> created = new ArrayList<>(pki.init(all));
            KafkaPki kafka = KafkaPki.of(pki);
            created.addAll(kafka.init(KafkaPrincipal.defaultNames()));
            if (brokerKeyGroup != null) {
                pki.shareBrokerKeyWithGroup(brokerKeyGroup);
            }
            if (kafkaKeyGroup != null) {
                kafka.shareWithGroup(kafkaKeyGroup, KafkaPki.BROKER, KafkaPrincipal.ADMIN.defaultName());
            }
            created.forEach(file -> System.err.println("created " + VigilProperties.home().relativize(file.toAbsolutePath())));
            System.err.println("PKI ready in " + pki.dir() + (created.isEmpty() ? " (nothing to create)" : ""));
            return 0;
        }
    }

    static DevPki pki(VigilProperties properties) {
        return new DevPki(properties.getPath("vigil.pki.dir", "var/pki"), properties.get("vigil.pki.password").toCharArray());
    }
}
