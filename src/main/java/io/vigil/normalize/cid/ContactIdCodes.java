package io.vigil.normalize.cid;

import io.vigil.normalize.CsvTable;
import io.vigil.normalize.EventCategory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Contact ID event-code table, loaded once from contact-id-codes.csv. */
final class ContactIdCodes {
    private static final Map<String, ContactIdCode> TABLE = load();

    private ContactIdCodes() {}

    /** The table row for a three-character code, or null if the code is not in the table. */
    static ContactIdCode lookup(String code) {
        return TABLE.get(code);
    }

    static java.util.Set<String> codes() {
        return TABLE.keySet();
    }

    static int size() {
        return TABLE.size();
    }

    private static Map<String, ContactIdCode> load() {
        List<Map<String, String>> rows = CsvTable.read(ContactIdCodes.class, "contact-id-codes.csv");
        Map<String, ContactIdCode> table = new HashMap<>();
        for (Map<String, String> row : rows) {
            ContactIdCode code = new ContactIdCode(
                    CsvTable.required(row, "code", c -> c.length() == 3 ? c : null),
                    CsvTable.required(row, "class", c -> ContactIdCode.BaseClass.valueOf(c.toUpperCase(Locale.ROOT))),
                    CsvTable.required(row, "category", EventCategory::fromWireName),
                    CsvTable.required(row, "priority", ContactIdCodes::priority),
                    CsvTable.required(row, "unit", u -> ContactIdCode.Unit.valueOf(u.toUpperCase(Locale.ROOT))),
                    CsvTable.required(row, "description", d -> d.isEmpty() ? null : d));
            if (table.put(code.code(), code) != null) {
                throw new IllegalStateException("duplicate Contact ID code " + code.code());
            }
        }
        return Map.copyOf(table);
    }

    private static Integer priority(String text) {
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 5 ? p : null;
    }
}
