package io.vigil.feeds.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * POSTs a body to one URL and succeeds only on a 2xx answer. Redirects are not followed (a 3xx is a
 * failure), so a body and its credentials never go anywhere but the configured URL. Failures name the
 * sink and the URL without its query; headers (tokens, signatures) are never part of a message.
 */
public final class HttpDelivery {

    private final String sink;
    private final URI url;
    private final String printableUrl;
    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpDelivery(String sink, URI url, SSLContext ssl, Duration connectTimeout, Duration requestTimeout) {
        this.sink = sink;
        this.url = url;
        this.printableUrl = url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.client = builder.build();
        this.requestTimeout = requestTimeout;
    }

    public void post(Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new FeedDeliveryException(sink + ": POST " + printableUrl + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedDeliveryException(sink + ": interrupted while sending to " + printableUrl);
        }
        if (response.statusCode() / 100 != 2) {
            throw new FeedDeliveryException(sink + ": POST " + printableUrl + " answered HTTP " + response.statusCode());
        }
    }

    @Override
    public String toString() {
        return "HttpDelivery[" + sink + " -> " + printableUrl + "]";
    }
}
