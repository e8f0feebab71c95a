package io.vigil.bench;

import io.vigil.config.VigilProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code meta} object of results.json: when, on what machine, with which versions and settings.
 * Every fact is best effort: one that cannot be read is null, never a failure.
 */
final class RunFacts {

    private static final Pattern KAFKA_TOOLS_JAR = Pattern.compile("kafka-tools-(\\d[\\w.-]*)\\.jar");

    private RunFacts() {}

    static Map<String, Object> collect(BenchSettings settings, VigilProperties properties, Instant started,
                                       String loadAverageAtStart) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("date", started.toString());
        meta.put("mode", settings.mode().name().toLowerCase(Locale.ROOT));
        meta.put("machine", machine(loadAverageAtStart));
        meta.put("versions", versions(properties));
        meta.put("settings", settings(settings));
        return meta;
    }

    /** The 1-minute load average now: other work on a shared machine shows up here. */
    static String loadAverage() {
        String line = read(Path.of("/proc/loadavg"));
        return line == null ? null : String.join(" ", List.of(line.trim().split("\\s+")).subList(0, 3));
    }

    private static Map<String, Object> machine(String loadAverageAtStart) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memory_mb", memoryMegabytes());
        machine.put("cpu_model", cpuModel());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("load_average_start", loadAverageAtStart);
        machine.put("load_average_end", loadAverage());
        return machine;
    }

    private static Map<String, Object> versions(VigilProperties properties) {
        Map<String, Object> versions = new LinkedHashMap<>();
        String vigil = RunFacts.class.getPackage().getImplementationVersion();
        versions.put("vigil", vigil == null ? "development build" : vigil);
        versions.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        versions.put("camel", mavenVersion("org.apache.camel", "camel-api"));
        versions.put("kafka_clients", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        versions.put("kafka_broker_tools", kafkaToolsVersion(properties));
        versions.put("paho_mqttv5", mavenVersion("org.eclipse.paho", "org.eclipse.paho.mqttv5.client"));
        versions.put("hdrhistogram", mavenVersion("org.hdrhistogram", "HdrHistogram"));
        versions.put("bouncycastle", bouncyCastleVersion());
        // the signature verifier the receiver chooses here (vigil.trust.crypto-provider=auto)
        versions.put("signature_verifier", io.vigil.trust.crypto.CryptoProviders.active().label());
        versions.put("mosquitto_binary", mosquittoVersion()); // the local binary; a broker in a container may differ
        return versions;
    }

    private static Map<String, Object> settings(BenchSettings settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("messages", settings.messages());
        map.put("warmup_messages", settings.warmupMessages());
        map.put("rate", settings.rate());
        map.put("sites", settings.sites());
        map.put("window_per_site", settings.window());
        map.put("message_bytes", BenchPayload.SIZE);
        map.put("kafka_ceiling_records", settings.kafkaCeilingRecords());
        map.put("supervision_sites", settings.supervisionSites());
        map.put("ed25519_verifications", settings.ed25519Verifications());
        return map;
    }

    static String bouncyCastleVersion() {
        return new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr();
    }

    private static Long memoryMegabytes() {
        String meminfo = read(Path.of("/proc/meminfo"));
        if (meminfo == null) {
            return null;
        }
        Matcher m = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(meminfo);
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : null;
    }

    private static String cpuModel() {
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        if (cpuinfo == null) {
            return null;
        }
        Matcher m = Pattern.compile("model name\\s*:\\s*(.+)").matcher(cpuinfo);
        return m.find() ? m.group(1).trim() : null;
    }

    private static String mavenVersion(String group, String artifact) {
        try (InputStream in = RunFacts.class.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    /** The version of the kafka-tools jar ProducerPerformance runs from: the broker's distribution. */
    private static String kafkaToolsVersion(VigilProperties properties) {
        Path classpath = properties.getPath("vigil.bench.kafka-tools-classpath", "var/kafka/lib/*");
        Path dir = classpath.getFileName().toString().equals("*") ? classpath.getParent() : classpath;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "kafka-tools-*.jar")) {
            for (Path jar : jars) {
                Matcher m = KAFKA_TOOLS_JAR.matcher(jar.getFileName().toString());
                if (m.matches()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String mosquittoVersion() {
        for (String binary : List.of("mosquitto", "/usr/sbin/mosquitto")) {
            try {
                Process process = new ProcessBuilder(binary, "-h").redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(5, TimeUnit.SECONDS);
                Matcher m = Pattern.compile("mosquitto version (\\S+)").matcher(output);
                if (m.find()) {
                    return m.group(1);
                }
            } catch (IOException e) {
                // not on this path
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
