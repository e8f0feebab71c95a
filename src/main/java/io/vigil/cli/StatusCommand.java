package io.vigil.cli;

import io.vigil.config.VigilProperties;
import io.vigil.ops.OpsConfig;
import io.vigil.ops.OpsStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code vigil status}: the running receiver's readiness checks as a table (docs/operations.md). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Ask the running receiver's management port whether it is ready; exit 0 ready, 1 not ready,"
                + " 2 no answer (docs/operations.md).")
final class StatusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        VigilProperties properties = VigilProperties.load();
        return new OpsStatus(OpsConfig.from(properties), properties.getPath("vigil.mqtt.truststore", "var/pki/truststore.p12"),
                properties.get("vigil.mqtt.keystore-password").toCharArray()).print(System.out, System.err);
    }
}
