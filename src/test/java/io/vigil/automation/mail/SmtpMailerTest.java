package io.vigil.automation.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpMailerTest {

    @Test
    void anUnreachableServerIsAFailureNamedByItsKindNotAnException() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SmtpMailer mailer = new SmtpMailer(new SmtpConfig("127.0.0.1", port, false, "", "", "centre@vigil.test",
                Duration.ofSeconds(2), Duration.ofSeconds(2)));
        Mailer.Sent sent = mailer.send(List.of("ann@example.org"), "subject", "body");
        assertThat(sent).isInstanceOf(Mailer.Sent.Failed.class);
        assertThat(((Mailer.Sent.Failed) sent).kind()).isEqualTo("MailConnectException");
    }

    @Test
    void withoutAHostThereIsNoMailer() {
        assertThat(new SmtpMailer(SmtpConfig.from(io.vigil.config.VigilProperties.of(java.util.Map.of()))).available()).isFalse();
    }
}
