package io.vigil.cli;

import io.vigil.app.VigilApplication;
import io.vigil.config.VigilProperties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the receiver: migrate the database, create the Kafka topics, start the routes of routes/.")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        new VigilApplication(VigilProperties.load()).runUntilStopped();
        return 0;
    }
}
