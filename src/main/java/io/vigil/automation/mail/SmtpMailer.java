package io.vigil.automation.mail;

import io.vigil.support.LogSafe;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail through SMTP with Jakarta Mail (Eclipse Angus). Subject and body are set through the library,
 * which encodes them (RFC 2047 for the subject), so no text can add a header.
 */
public final class SmtpMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final SmtpConfig config;
    private final Session session;

    public SmtpMailer(SmtpConfig config) {
        this.config = config;
        Properties props = new Properties();
        props.put("mail.smtp.host", config.host());
        props.put("mail.smtp.port", String.valueOf(config.port()));
        props.put("mail.smtp.connectiontimeout", String.valueOf(config.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", String.valueOf(config.readTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", String.valueOf(config.readTimeout().toMillis()));
        props.put("mail.smtp.starttls.enable", String.valueOf(config.startTls()));
        props.put("mail.smtp.starttls.required", String.valueOf(config.startTls()));
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        props.put("mail.smtp.auth", String.valueOf(!config.user().isEmpty()));
        this.session = Session.getInstance(props);
    }

    @Override
    public boolean available() {
        return config.configured();
    }

    @Override
    public Sent send(List<String> to, String subject, String body) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(config.from(), true));
            for (String address : to) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
            }
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            message.saveChanges();
            if (config.user().isEmpty()) {
                Transport.send(message);
            } else {
                Transport.send(message, config.user(), config.password());
            }
            return new Sent.Delivered(List.copyOf(to));
        } catch (MessagingException e) {
            LOG.warn("e-mail to {} recipient(s) not sent: {} {}", to.size(), e.getClass().getSimpleName(),
                    LogSafe.quote(String.valueOf(e.getMessage())));
            return new Sent.Failed(e.getClass().getSimpleName());
        }
    }
}
