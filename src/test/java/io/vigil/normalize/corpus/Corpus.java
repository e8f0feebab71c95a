package io.vigil.normalize.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.Decoded;
import io.vigil.normalize.EventJson;
import io.vigil.normalize.NormalizeResult;
import io.vigil.normalize.TestSignals;
import io.vigil.normalize.Undecodable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public corpus (src/test/resources/corpus/*.tsv) and the checks of one line against a decoding.
 * Checks read the events as their JSON, so they hold against any version of the canonical event.
 */
final class Corpus {
    static final Path DIRECTORY = Path.of("src/test/resources/corpus");
    /** Corpus file name to the content type its signals are sent with. */
    static final Map<String, String> FORMATS = Map.of(
            "cid", ContentTypes.CONTACT_ID,
            "sia", ContentTypes.SIA_DCS,
            "dc09", ContentTypes.DC09,
            "owntracks", ContentTypes.OWNTRACKS_JSON);

    private Corpus() {}

    static List<CorpusLine> lines(String format) {
        String file = format + ".tsv";
        List<String> text;
        try {
            text = Files.readAllLines(DIRECTORY.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CorpusLine> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (!line.isBlank() && !line.startsWith("##")) {
                lines.add(CorpusLine.parse(file, i + 1, line));
            }
        }
        return lines;
    }

    static NormalizeResult decode(String format, CorpusLine line) {
        return TestSignals.normalizer().normalize(TestSignals.ctx(), FORMATS.get(format), line.signal());
    }

    /** Why the result differs from what the source states, or empty when it agrees. */
    static Optional<String> differenceFromStated(CorpusLine line, NormalizeResult result) {
        CorpusLine.Stated stated = line.stated();
        switch (stated.kind()) {
            case REJECT -> {
                return result instanceof Undecodable ? Optional.empty() : Optional.of("decoded, the source refuses it");
            }
            case NONE -> {
                if (result instanceof Decoded decoded && decoded.events().isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of("expected no event, got " + describe(result));
            }
            default -> {
                if (!(result instanceof Decoded decoded)) {
                    return Optional.of("refused: " + describe(result));
                }
                if (decoded.events().size() != stated.events().size()) {
                    return Optional.of("expected " + stated.events().size() + " events, got " + decoded.events().size());
                }
                for (int i = 0; i < stated.events().size(); i++) {
                    Optional<String> difference = differenceFromFields(stated.events().get(i), json(decoded.events().get(i)));
                    if (difference.isPresent()) {
                        return Optional.of("event " + i + ": " + difference.get());
                    }
                }
                return Optional.empty();
            }
        }
    }

    /**
     * Why the result differs from Vigil's own expectations (forms seen, flags raised, refusal reason),
     * or empty when it agrees. Flags must be exactly those listed: none appear silently.
     */
    static Optional<String> differenceFromVigil(CorpusLine line, NormalizeResult result) {
        String reason = line.vigilReason();
        if (reason != null) {
            if (result instanceof Undecodable undecodable && undecodable.reasonCode().equals(reason)) {
                return Optional.empty();
            }
            return Optional.of("expected refusal " + reason + ", got " + describe(result));
        }
        if (!(result instanceof Decoded decoded)) {
            return line.stated().kind() == CorpusLine.Stated.Kind.REJECT ? Optional.empty()
                    : Optional.of("refused: " + describe(result));
        }
        for (CanonicalEvent event : decoded.events()) {
            JsonNode json = json(event);
            List<String> flags = new ArrayList<>();
            json.path("flags").forEach(flag -> flags.add(flag.asText()));
            String expectedFlags = line.vigil().getOrDefault("flags", "");
            List<String> expected = expectedFlags.isEmpty() ? List.of() : List.of(expectedFlags.split(","));
            if (!flags.equals(expected)) {
                return Optional.of("flags " + flags + ", expected " + expected);
            }
            for (Map.Entry<String, String> entry : line.vigil().entrySet()) {
                String key = entry.getKey();
                if (key.equals("flags")) {
                    continue;
                }
                String actual = key.startsWith("ext.")
                        ? json.path("dc09").path("extended").path(key.substring(4)).asText(null)
                        : json.path("decoding").path(key).asText(null);
                if (!entry.getValue().equals(actual)) {
                    return Optional.of(key + " is " + actual + ", expected " + entry.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> differenceFromFields(Map<String, String> expected, JsonNode event) {
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String key = entry.getKey();
            String want = entry.getValue();
            boolean matches = switch (key) {
                case "num" -> want.equals(event.path("zone").asText(null)) || want.equals(event.path("user").asText(null))
                        || want.equals(event.path("area").asText(null));
                case "time" -> Instant.parse(want).equals(Instant.parse(event.path("occurred_at").asText()));
                case "lat", "lon" -> Double.parseDouble(want) == event.path("location").path(key).asDouble(Double.NaN);
                case "region", "region_event" -> want.equals(event.path("location").path(key).asText(null));
                default -> want.equals(event.path(key).asText(null));
            };
            if (!matches) {
                return Optional.of(key + " expected " + want + " in " + event);
            }
        }
        return Optional.empty();
    }

    private static JsonNode json(CanonicalEvent event) {
        try {
            return EventJson.MAPPER.readTree(EventJson.write(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(NormalizeResult result) {
        if (result instanceof Undecodable undecodable) {
            return undecodable.reasonCode() + " (" + undecodable.detail() + ")";
        }
        return ((Decoded) result).events().size() + " events";
    }
}
