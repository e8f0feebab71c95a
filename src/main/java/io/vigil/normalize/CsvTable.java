package io.vigil.normalize;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the small code tables shipped as CSV resources (jackson-dataformat-csv): '#' comment lines, one header
 * line, comma-separated fields, trimmed; every row has exactly the header's fields. Runs once at class load.
 */
public final class CsvTable {

    private static final ObjectReader ROWS = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
            .build()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader().withComments());

    private CsvTable() {}

    /** Rows as maps from header name to field value. Fails loudly: a broken table is a build error. */
    public static List<Map<String, String>> read(Class<?> owner, String resource) {
        InputStream in = owner.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing code table resource " + resource);
        }
        try (in; MappingIterator<Map<String, String>> rows = ROWS.readValues(in)) {
            List<Map<String, String>> table = new ArrayList<>();
            while (rows.hasNextValue()) {
                table.add(Map.copyOf(rows.nextValue()));
            }
            return table;
        } catch (JacksonException e) {
            throw new IllegalStateException(resource + " line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
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
