package io.vigil.feeds;

import io.vigil.config.VigilProperties;
import io.vigil.feeds.cef.CefFormatter;
import io.vigil.feeds.ecs.EcsHttpFeed;
import io.vigil.feeds.ecs.EcsMapper;
import io.vigil.feeds.hec.HecFeed;
import io.vigil.feeds.hec.HecMapper;
import io.vigil.feeds.http.HttpDelivery;
import io.vigil.feeds.http.HttpFeed;
import io.vigil.feeds.route.EcsFileProcessor;
import io.vigil.feeds.route.HttpFeedProcessor;
import io.vigil.feeds.route.SyslogFeedProcessor;
import io.vigil.feeds.syslog.Rfc5424Formatter;
import io.vigil.feeds.syslog.SyslogTlsParameters;
import io.vigil.feeds.webhook.WebhookFeed;
import io.vigil.feeds.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import org.apache.camel.Processor;
import org.apache.camel.component.syslog.netty.Rfc5425Encoder;

/**
 * The beans {@code routes/feeds.camel.yaml} refers to. Every sink's beans are bound, enabled or not
 * (a disabled route still resolves its references), but only an enabled sink reads files or needs
 * its secret.
 */
public final class FeedBeans {

    private FeedBeans() {}

    public static void bind(VigilProperties properties, Clock clock, BiConsumer<String, Object> binder) {
        FeedsConfig config = FeedsConfig.from(properties);
        FeedInput input = new FeedInput(config.incidentsTopic(), config.securityTopic());
        CefFormatter cef = new CefFormatter(config.productVersion(), config.hostname());
        Rfc5424Formatter syslog = new Rfc5424Formatter(config.syslog());
        EcsMapper ecs = new EcsMapper(config.productVersion(), config.hostname());

        binder.accept("feedCefTls", new SyslogFeedProcessor("cef-tls", input, cef, syslog));
        binder.accept("feedCefTlsSsl", new SyslogTlsParameters(config.cefTls()));
        binder.accept("feedRfc5425Encoder", new Rfc5425Encoder());
        binder.accept("feedCefUdp", new SyslogFeedProcessor("cef-udp", input, cef, syslog));
        binder.accept("feedEcsFile", new EcsFileProcessor(input, ecs));
        binder.accept("feedEcsHttp", http(config, config.ecsHttp(), input, clock,
                () -> new EcsHttpFeed(ecs, config.ecsHttp().secret())));
        binder.accept("feedHec", http(config, config.hec(), input, clock,
                () -> new HecFeed(new HecMapper(config.hostname(), config.hecSource(), config.hecIndex()), config.hec().secret())));
        binder.accept("feedWebhook", http(config, config.webhook(), input, clock,
                () -> new WebhookFeed(new WebhookSigner(config.webhook().secret().getBytes(StandardCharsets.UTF_8)))));
    }

    private static Processor http(FeedsConfig config, FeedsConfig.HttpSink sink, FeedInput input, Clock clock,
                                  java.util.function.Supplier<HttpFeed> feed) {
        if (!sink.enabled()) {
            return exchange -> {
                throw new IllegalStateException("feed " + sink.name() + " is disabled");
            };
        }
        SSLContext ssl = null;
        if ("https".equalsIgnoreCase(sink.url().getScheme()) && config.http().truststore() != null) {
            ssl = FeedTls.context(config.http().truststore(), config.http().truststorePassword(), null, null);
        }
        HttpDelivery delivery = new HttpDelivery(sink.name(), sink.url(), ssl,
                config.http().connectTimeout(), config.http().requestTimeout());
        return new HttpFeedProcessor(sink.name(), input, feed.get(), delivery, clock);
    }
}
