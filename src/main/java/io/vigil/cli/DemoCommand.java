package io.vigil.cli;

import io.vigil.app.VigilApplication;
import io.vigil.config.VigilProperties;
import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.kafka.TopicTail;
import io.vigil.pki.DevPki;
import io.vigil.simulate.DemoTraffic;
import io.vigil.simulate.SiteConnection;
import io.vigil.support.LogSafe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the receiver with a few simulated sites and print what reaches Kafka."
                + " The ./vigil launcher starts the local services first.")
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--seconds", description = "Stop after this many seconds (default: run until Ctrl-C).")
    Long seconds;

    @Option(names = "--period-ms", defaultValue = "2000", description = "How often each demo site publishes.")
    long periodMillis;

    @Override
    public Integer call() throws Exception {
        VigilProperties properties = VigilProperties.load();
        DevPki pki = PkiCommand.pki(properties);
        List<String> siteIds = properties.getList("vigil.pki.demo-sites", List.of("site-0001"));
        pki.init(siteIds);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (VigilApplication app = new VigilApplication(properties).start();
             TopicTail tail = new TopicTail(properties.get("vigil.kafka.bootstrap-servers"),
                     List.of(properties.get("vigil.kafka.topic.received")), DemoCommand::print);
             DemoTraffic traffic = new DemoTraffic(connect(properties, pki, siteIds)).start(periodMillis)) {
            System.out.println("Vigil demo: " + siteIds.size() + " sites publish over mutual TLS; "
                    + "each line below is a record read back from Kafka. Ctrl-C stops.");
            if (seconds != null) {
                stop.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        }
        return 0;
    }

    private static List<SiteConnection> connect(VigilProperties properties, DevPki pki, List<String> siteIds)
            throws Exception {
        List<SiteConnection> connections = new ArrayList<>();
        for (String site : siteIds) {
            connections.add(SiteConnection.open(properties.get("vigil.mqtt.broker-url"), site,
                    MqttTls.socketFactory(pki.siteKeystore(site), pki.truststore(), pki.password())));
        }
        return connections;
    }

    private static void print(ConsumerRecord<String, byte[]> record) {
        System.out.printf("%s  %-10s %-18s %s%n", TIME.format(Instant.ofEpochMilli(record.timestamp())), record.key(),
                record.topic(), LogSafe.quote(new String(record.value(), StandardCharsets.UTF_8)));
    }
}
