package io.vigil.automation.mail;

import io.vigil.config.VigilProperties;
import java.time.Duration;

/**
 * Where e-mail notify steps send mail ({@code vigil.automation.smtp.*}, docs/automation.md "E-mail").
 *
 * @param host           empty: no SMTP server, notify steps answer 503
 * @param startTls       STARTTLS required before anything is sent (the default), or plain SMTP (a local relay)
 * @param user           empty: no authentication
 * @param password       secret: set it through {@code VIGIL_AUTOMATION_SMTP_PASSWORD}
 */
public record SmtpConfig(String host, int port, boolean startTls, String user, String password, String from,
                         Duration connectTimeout, Duration readTimeout) {

    public SmtpConfig {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("vigil.automation.smtp.port must be 1-65535");
        }
        if (from == null || !from.matches("[^@\\s<>,;\"]{1,64}@[A-Za-z0-9.-]{1,253}")) {
            throw new IllegalArgumentException("vigil.automation.smtp.from must be an e-mail address");
        }
    }

    public boolean configured() {
        return !host.isEmpty();
    }

    public static SmtpConfig from(VigilProperties p) {
        String startTls = p.get("vigil.automation.smtp.starttls", "required");
        if (!startTls.equals("required") && !startTls.equals("none")) {
            throw new IllegalArgumentException("vigil.automation.smtp.starttls must be required or none");
        }
        return new SmtpConfig(
                p.get("vigil.automation.smtp.host", ""),
                p.getInt("vigil.automation.smtp.port", 587),
                startTls.equals("required"),
                p.get("vigil.automation.smtp.user", ""),
                p.get("vigil.automation.smtp.password", ""),
                p.get("vigil.automation.smtp.from", "vigil@localhost"),
                p.getDuration("vigil.automation.smtp.connect-timeout", Duration.ofSeconds(10)),
                p.getDuration("vigil.automation.smtp.read-timeout", Duration.ofSeconds(30)));
    }
}
