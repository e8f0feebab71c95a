package io.vigil.cli;

import io.vigil.app.VigilApplication;
import io.vigil.config.VigilProperties;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the receiver: migrate the database, create the Kafka topics, start the routes of routes/.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--node-id", paramLabel = "N",
            description = "this node's name in the cluster (vigil.cluster.node-id; default: host name and process id; docs/cluster.md)")
    private String nodeId;

    @Override
    public Integer call() throws Exception {
        VigilProperties properties = VigilProperties.load();
        if (nodeId != null) {
            properties = properties.with(Map.of("vigil.cluster.node-id", nodeId));
        }
        new VigilApplication(properties).runUntilStopped();
        return 0;
    }
}
