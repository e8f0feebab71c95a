package io.vigil.cli;

import io.vigil.config.ConfigException;
import io.vigil.config.VigilProperties;
import io.vigil.gateway.Gateway;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run the site gateway (docs/gateway.md): take SIA DC-09 from the local panels (TCP/UDP, plain "
                + "or AES), ACK each frame once it is in the local journal (fsync), and forward it as the site's "
                + "signed envelope over MQTT 5 with mutual TLS to the centre, in order, at a controlled rate, "
                + "through any outage.",
                "Panel side: vigil.dc09.* (as the receiver's DC-09 port); the rest: vigil.gateway.* "
                + "(see deploy/gateway/gateway.properties). Stops on SIGTERM; pending frames stay in the journal."})
final class GatewayCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "properties layered over config/application.properties, e.g. /etc/vigil/gateway.properties")
    Path config;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Gateway gateway = Gateway.start(properties(), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        stopped.await();
        return 0;
    }

    private VigilProperties properties() {
        VigilProperties base = VigilProperties.load();
        if (config == null) {
            return base;
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + config + ": " + e.getMessage());
        }
        Map<String, String> layered = new HashMap<>();
        for (String key : file.stringPropertyNames()) {
            String fromEnv = System.getenv(VigilProperties.envName(key));
            layered.put(key, fromEnv != null ? fromEnv : file.getProperty(key).trim());
        }
        // environment variables and -D settings win over the file, as they do over config/application.properties
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("vigil."))
                .forEach(k -> layered.put(k, System.getProperty(k)));
        return base.with(layered);
    }
}
