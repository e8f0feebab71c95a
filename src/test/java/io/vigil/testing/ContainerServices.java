package io.vigil.testing;

import io.vigil.config.VigilProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Starts Mosquitto, Kafka and PostgreSQL with Testcontainers exactly as docker-compose.yml
 * describes them — same images, commands, bind mounts (the files of deploy/) and host networking —
 * so the container runs and the local runs test the same configuration. Named volumes are left
 * out: a test container starts empty.
 */
final class ContainerServices {

    private static final List<String> SERVICES = List.of("postgres", "kafka", "mosquitto");
    private static final java.util.Map<String, GenericContainer<?>> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    private ContainerServices() {}

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** Starts the services; the endpoints equal the local ones (loopback, host network), so no overrides. */
    static Map<String, String> start(VigilProperties base) {
        Path home = VigilProperties.home();
        ComposeFile compose = ComposeFile.read(home.resolve("docker-compose.yml"));
        for (String name : SERVICES) {
            GenericContainer<?> container = container(compose.service(name), home);
            container.start();
            RUNNING.put(name, container);
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        }
        return Map.of();
    }

    /** Stops or starts a service's container in place (its data stays), for outage tests. */
    static void control(String action, String service) {
        String name = service.equals("postgresql") ? "postgres" : service;
        GenericContainer<?> container = RUNNING.get(name);
        var docker = DockerClientFactory.instance().client();
        if (action.equals("down")) {
            docker.stopContainerCmd(container.getContainerId()).exec();
        } else {
            docker.startContainerCmd(container.getContainerId()).exec();
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> Boolean.TRUE.equals(
                    docker.inspectContainerCmd(container.getContainerId()).exec().getState().getHealth() == null
                            || "healthy".equals(docker.inspectContainerCmd(container.getContainerId()).exec()
                            .getState().getHealth().getStatus())));
        }
    }

    @SuppressWarnings("resource") // stopped by the shutdown hook
    private static GenericContainer<?> container(ComposeFile.Service service, Path home) {
        GenericContainer<?> container = new GenericContainer<>(service.image())
                .withNetworkMode(service.networkMode())
                .withEnv(service.environment())
                .withStartupTimeout(Duration.ofMinutes(3));
        if (service.workingDir() != null) {
            container.withWorkingDirectory(service.workingDir());
        }
        if (!service.entrypoint().isEmpty()) {
            container.withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(service.entrypoint()));
        }
        if (!service.command().isEmpty()) {
            container.withCommand(service.command().toArray(String[]::new));
        }
        for (ComposeFile.Mount mount : service.mounts()) {
            if (mount.isBind()) {
                container.withFileSystemBind(home.resolve(mount.source()).normalize().toString(), mount.target(),
                        mount.readOnly() ? BindMode.READ_ONLY : BindMode.READ_WRITE);
            }
        }
        if (service.hasHealthcheck()) {
            container.waitingFor(Wait.forHealthcheck());
        }
        return container;
    }
}
