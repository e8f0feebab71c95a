package io.vigil.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Server-Sent Events client for tests: parses the stream as a browser's EventSource does. */
final class SseReader implements AutoCloseable {

    record Event(String id, String name, String data) {}

    final int status;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private volatile boolean ended;

    private SseReader(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        if (status == 200) {
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            ended = true;
        }
    }

    static SseReader open(ApiTestServer api, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = api.request("/api/incidents/stream", token).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseReader(api.http.send(request.timeout(java.time.Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream()));
    }

    String body() throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    boolean ended() {
        return ended;
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    Event last(String name) {
        Event found = null;
        for (Event e : events) {
            if (e.name().equals(name)) {
                found = e;
            }
        }
        return found;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            List<String> data = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        events.add(new Event(id, name == null ? "message" : name, String.join("\n", data)));
                    }
                    name = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data.add(value);
                        default -> { } // retry
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test or cut by the server
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
