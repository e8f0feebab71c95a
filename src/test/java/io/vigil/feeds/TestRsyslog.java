package io.vigil.feeds;

import io.vigil.pki.DevPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real rsyslogd (the Debian package) for one test: its own configuration, work directory, pid file
 * and output files under a directory of the test; TLS (gtls, RFC 5425) on a free loopback TCP port with
 * a server certificate from the dev PKI, and UDP (RFC 5426) on a free loopback port. Each transport
 * writes the raw message of every syslog message it receives as one line to its own file. Control
 * characters are not escaped on receipt, so a line break smuggled into a message would show as an
 * extra line.
 */
public final class TestRsyslog implements AutoCloseable {

    private static final String BINARY = "/usr/sbin/rsyslogd";

    private final Path dir;
    private final int tlsPort;
    private final int udpPort;
    private Process process;

    /** A receiver whose certificate names {@code localhost} and {@code 127.0.0.1}. */
    public TestRsyslog(Path dir, DevPki pki) throws IOException {
        this(dir, pki, "test-rsyslog", List.of("localhost"), List.of("127.0.0.1"));
    }

    /** A receiver with a certificate (issued once, kept in the dev PKI as {@code <certificate>.pem}) for these names. */
    public TestRsyslog(Path dir, DevPki pki, String certificate, List<String> dnsNames, List<String> ipAddresses)
            throws IOException {
        this.dir = dir;
        this.tlsPort = freePort();
        this.udpPort = freePort();
        pki.issueServer(certificate, dnsNames, ipAddresses);
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(config(), """
                global(workDirectory="%1$s/work" maxMessageSize="64k"
                       parser.escapeControlCharactersOnReceive="off"
                       defaultNetstreamDriver="gtls"
                       defaultNetstreamDriverCAFile="%2$s"
                       defaultNetstreamDriverCertFile="%3$s"
                       defaultNetstreamDriverKeyFile="%4$s")
                module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
                module(load="imudp")
                template(name="raw" type="string" string="%%rawmsg%%\\n")
                ruleset(name="tls") { action(type="omfile" file="%1$s/tls.log" template="raw") }
                ruleset(name="udp") { action(type="omfile" file="%1$s/udp.log" template="raw") }
                input(type="imtcp" address="127.0.0.1" port="%5$d" ruleset="tls")
                input(type="imudp" address="127.0.0.1" port="%6$d" ruleset="udp")
                """.formatted(dir, pki.caCertificate(), pki.certificate(certificate), pki.privateKey(certificate),
                tlsPort, udpPort));
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    public TestRsyslog start() throws IOException {
        Files.deleteIfExists(dir.resolve("rsyslog.pid"));
        process = new ProcessBuilder(BINARY, "-n", "-f", config().toString(), "-i", dir.resolve("rsyslog.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.out").toFile()))
                .start();
        Process started = process;
        try {
            Awaitility.await("rsyslogd listening on " + tlsPort).atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException("rsyslogd exited with " + started.exitValue() + ": "
                                    + Files.readString(dir.resolve("rsyslogd.out")));
                        }
                        return listening();
                    });
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException(e.getMessage() + "; rsyslogd said: " + Files.readString(dir.resolve("rsyslogd.out")), e);
        }
        return this;
    }

    /** SIGTERM, and SIGKILL if it has not exited within 15 seconds. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public int udpPort() {
        return udpPort;
    }

    /** Every line the TLS input wrote so far. */
    public List<String> tlsLines() throws IOException {
        return lines(dir.resolve("tls.log"));
    }

    public List<String> udpLines() throws IOException {
        return lines(dir.resolve("udp.log"));
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        // split on LF only: any other separator inside a line is content
        return List.of(text.substring(0, text.length() - (text.endsWith("\n") ? 1 : 0)).split("\n", -1));
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", tlsPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path config() {
        return dir.resolve("rsyslog.conf");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
