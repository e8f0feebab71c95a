package io.vigil.normalize.sia;

import io.vigil.normalize.CsvTable;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.Qualifier;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The SIA DC-03 event-code table, loaded once from sia-codes.csv. */
final class SiaCodes {
    private static final Map<String, SiaCode> TABLE = load();

    private SiaCodes() {}

    static SiaCode lookup(String code) {
        return TABLE.get(code);
    }

    static java.util.Set<String> codes() {
        return TABLE.keySet();
    }

    static int size() {
        return TABLE.size();
    }

    private static Map<String, SiaCode> load() {
        List<Map<String, String>> rows = CsvTable.read(SiaCodes.class, "sia-codes.csv");
        Map<String, SiaCode> table = new HashMap<>();
        for (Map<String, String> row : rows) {
            SiaCode code = new SiaCode(
                    CsvTable.required(row, "code", c -> c.length() == 2 ? c : null),
                    CsvTable.required(row, "class", EventClass::fromWireName),
                    CsvTable.required(row, "qualifier", Qualifier::fromWireName),
                    CsvTable.required(row, "category", EventCategory::fromWireName),
                    CsvTable.required(row, "priority", SiaCodes::priority),
                    CsvTable.required(row, "unit", u -> SiaCode.Unit.valueOf(u.toUpperCase(Locale.ROOT))),
                    CsvTable.required(row, "description", d -> d.isEmpty() ? null : d));
            if (table.put(code.code(), code) != null) {
                throw new IllegalStateException("duplicate SIA code " + code.code());
            }
        }
        return Map.copyOf(table);
    }

    private static Integer priority(String text) {
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 5 ? p : null;
    }
}
