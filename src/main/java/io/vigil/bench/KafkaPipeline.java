package io.vigil.bench;

/**
 * A system under test that writes to Kafka: the benchmark creates its output topic (LogAppendTime),
 * starts it as a child process, and reads the topic back with {@link KafkaReadBack}.
 */
public final class KafkaPipeline implements Pipeline {

    /** Starts the process under test for a target; it must write the target's messages to {@link BenchTarget#kafkaTopic()}. */
    @FunctionalInterface
    public interface Launcher {
        ChildProcess launch(BenchContext context, BenchTarget target) throws Exception;
    }

    private final Launcher launcher;
    private final StampDecoder decoder;
    private final java.util.function.Function<BenchTarget, java.util.List<String>> alsoCreated;

    public KafkaPipeline(Launcher launcher, StampDecoder decoder) {
        this(launcher, decoder, target -> java.util.List.of());
    }

    /** {@code alsoCreated}: further topics the process under test creates for a run, deleted with it. */
    public KafkaPipeline(Launcher launcher, StampDecoder decoder,
                         java.util.function.Function<BenchTarget, java.util.List<String>> alsoCreated) {
        this.launcher = launcher;
        this.decoder = decoder;
        this.alsoCreated = alsoCreated;
    }

    @Override
    public Running start(BenchContext context, BenchTarget target) throws Exception {
        String topic = target.kafkaTopic();
        context.topics().create(topic);
        ChildProcess child;
        try {
            child = launcher.launch(context, target);
        } catch (Exception | Error e) {
            context.topics().delete(topic);
            throw e;
        }
        KafkaReadBack readBack;
        try {
            readBack = new KafkaReadBack(context.kafkaClient(), topic, decoder, target.newCounter());
        } catch (RuntimeException e) {
            child.terminate(ChildProcesses.STOP_GRACE);
            context.topics().delete(topic);
            throw e;
        }
        return new Running(child.accounting(), readBack, () -> {
            try {
                readBack.close();
                child.terminate(ChildProcesses.STOP_GRACE);
            } finally {
                context.topics().delete(topic);
                alsoCreated.apply(target).forEach(context.topics()::delete);
            }
        });
    }
}
