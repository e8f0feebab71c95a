package io.vigil.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads the small code tables shipped as CSV resources: '#' comment lines, one header line, plain
 * comma-separated fields (no quoting; descriptions avoid commas). Runs once at class load.
 */
public final class CsvTable {
    private CsvTable() {}

    /** Rows as maps from header name to field value. Fails loudly: a broken table is a build error. */
    public static List<Map<String, String>> read(Class<?> owner, String resource) {
        InputStream in = owner.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing code table resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = null;
            List<Map<String, String>> rows = new ArrayList<>();
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = Arrays.stream(line.split(",", -1)).map(String::trim).toList();
                if (header == null) {
                    header = fields;
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new IllegalStateException(resource + " line " + lineNumber + ": expected "
                            + header.size() + " fields, found " + fields.size());
                }
                List<String> names = header;
                rows.add(IntStream.range(0, names.size()).boxed()
                        .collect(Collectors.toUnmodifiableMap(names::get, fields::get)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public static <T> T required(Map<String, String> row, String column, Function<String, T> parser) {
        String raw = row.get(column);
        T value = raw == null ? null : parser.apply(raw);
        if (value == null) {
            throw new IllegalStateException("bad value '" + raw + "' in column " + column + " of " + row);
        }
        return value;
    }
}
