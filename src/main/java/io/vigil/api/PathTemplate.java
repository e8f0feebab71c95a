package io.vigil.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path, as written in the OpenAPI document: literal segments, {@code {name}} parameters,
 * and parameters with a literal action suffix ({@code {id}:acknowledge}, Google's custom-method
 * style). A parameter matches one whole non-empty segment, never a {@code /}; with a suffix it is
 * everything before the suffix.
 */
public final class PathTemplate {

    private sealed interface Segment {
        /** Higher is more specific: a literal beats a suffixed parameter beats a bare parameter. */
        int specificity();
    }

    private record Literal(String text) implements Segment {
        public int specificity() {
            return 3;
        }
    }

    private record Param(String name, String suffix) implements Segment {
        public int specificity() {
            return suffix.isEmpty() ? 1 : 2;
        }
    }

    private final String text;
    private final List<Segment> segments;

    private PathTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    public static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + template);
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : template.substring(1).split("/", -1)) {
            if (part.startsWith("{")) {
                int close = part.indexOf('}');
                if (close < 2) {
                    throw new IllegalArgumentException("bad parameter in " + template);
                }
                segments.add(new Param(part.substring(1, close), part.substring(close + 1)));
            } else {
                if (part.isEmpty() || part.contains("{") || part.contains("}")) {
                    throw new IllegalArgumentException("bad segment in " + template);
                }
                segments.add(new Literal(part));
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    /** The parameters, if the decoded path segments match. */
    public Optional<Map<String, String>> match(List<String> path) {
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String actual = path.get(i);
            Segment segment = segments.get(i);
            if (segment instanceof Literal literal) {
                if (!literal.text().equals(actual)) {
                    return Optional.empty();
                }
            } else if (segment instanceof Param param) {
                if (actual.length() <= param.suffix().length() || !actual.endsWith(param.suffix())) {
                    return Optional.empty();
                }
                params.put(param.name(), actual.substring(0, actual.length() - param.suffix().length()));
            }
        }
        return Optional.of(params);
    }

    /** Compares segment by segment, so {@code /incidents/stream} beats {@code /incidents/{id}}. */
    public int compareSpecificity(PathTemplate other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            int c = Integer.compare(segments.get(i).specificity(), other.segments.get(i).specificity());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public List<String> parameterNames() {
        return segments.stream().filter(Param.class::isInstance).map(s -> ((Param) s).name()).toList();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathTemplate other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
