package io.vigil.automation.site;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vigil.automation.Jdbc;
import io.vigil.support.LogSafe;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * CSV import and export of site records (docs/automation.md, "CSV import and export"). An import
 * validates every row first and writes nothing unless all are good; then, in one transaction, it
 * replaces that kind of record of every site the file names. Export writes what import reads.
 */
public final class SiteRecordsCsv {

    /** One refused row: its line (the header is line 1) and what is wrong, caller text escaped. */
    public record RowError(long line, String problem) {
        @Override
        public String toString() {
            return "line " + line + ": " + problem;
        }
    }

    /** What an import did. */
    public sealed interface Result {
        record Imported(RecordKind kind, int rows, Set<String> sites) implements Result {}

        /** Nothing was written. */
        record Refused(List<RowError> errors) implements Result {}
    }

    private record Row(long line, String siteId, Object record) {}

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final ObjectReader ROWS = CSV.readerFor(String[].class).with(CsvSchema.emptySchema());

    private final SiteRecordStore store;

    public SiteRecordsCsv(SiteRecordStore store) {
        this.store = store;
    }

    public Result importCsv(RecordKind kind, Reader in, String actor, Instant now) {
        List<RowError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<String[]> records = ROWS.readValues(in)) {
            if (!records.hasNextValue()) {
                return new Result.Refused(List.of(new RowError(1, "the file is empty; the header is "
                        + String.join(",", kind.columns()))));
            }
            List<String> header = Arrays.asList(records.nextValue());
            if (!header.equals(kind.columns())) {
                return new Result.Refused(List.of(new RowError(1, "the header must be " + String.join(",", kind.columns()))));
            }
            while (records.hasNextValue()) {
                // the parser still stands on the end of the previous record: this one starts on the next line
                long line = records.getParser().currentTokenLocation().getLineNr() + 1;
                String[] fields = records.nextValue();
                if (fields.length == 1 && fields[0].isEmpty()) {
                    continue; // a blank line
                }
                if (fields.length != kind.columns().size()) {
                    errors.add(new RowError(line, "has " + fields.length + " fields, the header " + kind.columns().size()));
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < fields.length; i++) {
                    row.put(kind.columns().get(i), fields[i].isEmpty() ? null : fields[i]);
                }
                try {
                    String siteId = row.get("site_id");
                    if (siteId == null || !io.vigil.pki.DevPki.SITE_ID.matcher(siteId).matches()) {
                        throw new InvalidRecord("site_id", "is not a site id");
                    }
                    rows.add(new Row(line, siteId, parse(kind, row)));
                } catch (InvalidRecord e) {
                    errors.add(new RowError(line, e.getMessage()));
                }
            }
        } catch (JacksonException e) {
            errors.add(new RowError(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not CSV: " + LogSafe.quote(e.getOriginalMessage())));
            return new Result.Refused(errors);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the CSV input", e);
        }
        errors.addAll(duplicates(kind, rows));
        if (!errors.isEmpty()) {
            return new Result.Refused(errors);
        }
        Map<String, List<Row>> bySite = new LinkedHashMap<>();
        for (Row row : rows) {
            bySite.computeIfAbsent(row.siteId(), s -> new ArrayList<>()).add(row);
        }
        List<Row> hashed = kind == RecordKind.PASSWORDS ? rows.stream().map(SiteRecordsCsv::hashed).toList() : rows;
        return Jdbc.inTransaction(store.dataSource(), "cannot import the site records", c -> {
            Set<String> registered = SiteRecordStore.registered(c, bySite.keySet());
            List<RowError> unknown = new ArrayList<>();
            for (Row row : rows) {
                if (!registered.contains(row.siteId())) {
                    unknown.add(new RowError(row.line(), "site_id: no registered site " + LogSafe.quote(row.siteId())));
                }
            }
            if (!unknown.isEmpty()) {
                return new Result.Refused(unknown);
            }
            Map<String, List<Object>> records = new LinkedHashMap<>();
            bySite.keySet().forEach(site -> records.put(site, new ArrayList<>()));
            hashed.forEach(row -> records.get(row.siteId()).add(row.record()));
            for (Map.Entry<String, List<Object>> site : records.entrySet()) {
                SiteRecordStore.lockSite(c, site.getKey());
                write(c, kind, site.getKey(), site.getValue(), actor, now);
            }
            return new Result.Imported(kind, rows.size(), new TreeSet<>(bySite.keySet()));
        });
    }

    /** Writes the records of {@code sites} (every site when empty) as CSV, with the header; passwords as hashes. */
    public void export(RecordKind kind, Collection<String> sites, Writer out) throws IOException {
        Map<String, SiteRecord.Set> all = store.loadAll(sites);
        CsvSchema.Builder schema = CsvSchema.builder();
        kind.columns().forEach(schema::addColumn);
        try (SequenceWriter writer = CSV.writerFor(List.class).with(schema.build().withHeader()).writeValues(out)) {
            for (Map.Entry<String, SiteRecord.Set> site : all.entrySet()) {
                for (List<String> row : rows(kind, site.getKey(), site.getValue())) {
                    writer.write(row);
                }
            }
        }
    }

    private static List<List<String>> rows(RecordKind kind, String site, SiteRecord.Set r) {
        List<List<String>> rows = new ArrayList<>();
        switch (kind) {
            case SITES -> {
                SiteRecord.Basics b = r.basics();
                rows.add(row(site, b.address(), number(b.latitude()), number(b.longitude()), b.timeZone(), b.region(),
                        b.instructions()));
            }
            case AREAS -> r.areas().forEach(a -> rows.add(row(site, a.area(), a.description())));
            case ZONES -> r.zones().forEach(z -> rows.add(row(site, z.zone(), z.area(), z.description(), z.zoneType())));
            case CONTACTS -> r.contacts().forEach(k -> rows.add(row(site, String.valueOf(k.callOrder()), k.name(), k.role(),
                    k.phone(), k.email(), k.availability(), k.means())));
            case PASSWORDS -> r.passwords().forEach(p -> rows.add(row(site, p.label(), null, p.hash(),
                    String.valueOf(p.duress()))));
            case AGENCIES -> r.agencies().forEach(a -> rows.add(row(site, a.kind(), a.name(), a.phone(), a.reference())));
        }
        return rows;
    }

    private static List<String> row(String... values) {
        List<String> row = new ArrayList<>();
        for (String v : values) {
            row.add(v == null ? "" : v);
        }
        return row;
    }

    private static String number(Double value) {
        return value == null ? null : value.toString();
    }

    private static Object parse(RecordKind kind, Map<String, String> row) {
        return switch (kind) {
            case SITES -> RecordRules.basics(row.get("address"), decimal("latitude", row.get("latitude")),
                    decimal("longitude", row.get("longitude")), row.get("time_zone"), row.get("region"), row.get("instructions"));
            case AREAS -> RecordRules.area(row.get("area"), row.get("description"));
            case ZONES -> RecordRules.zone(row.get("zone"), row.get("area"), row.get("description"), row.get("zone_type"));
            case CONTACTS -> RecordRules.contact(whole("call_order", row.get("call_order")), row.get("name"),
                    row.get("role"), row.get("phone"), row.get("email"), row.get("availability"), row.get("means"));
            case PASSWORDS -> password(row);
            case AGENCIES -> RecordRules.agency(row.get("kind"), row.get("name"), row.get("phone"), row.get("reference"));
        };
    }

    /** Until every row is known good, a password stays clear text in memory: hashing is the slow part. */
    private record ClearPassword(String label, String password, boolean duress) {}

    private static Object password(Map<String, String> row) {
        String label = RecordRules.passwordLabel(row.get("label"));
        String clear = row.get("password");
        String hash = row.get("password_hash");
        boolean duress = bool("duress", row.get("duress"));
        if ((clear == null) == (hash == null)) {
            throw new InvalidRecord("password", "give exactly one of password and password_hash");
        }
        if (hash != null) {
            if (!VerbalPasswords.isHash(hash)) {
                throw new InvalidRecord("password_hash", "is not an Argon2id hash ($argon2id$v=19$m=...,t=...,p=...$salt$tag)");
            }
            return new SiteRecord.StoredPassword(label, hash, duress);
        }
        return new ClearPassword(label, RecordRules.password("password", clear), duress);
    }

    private static Row hashed(Row row) {
        if (row.record() instanceof ClearPassword p) {
            return new Row(row.line(), row.siteId(), new SiteRecord.StoredPassword(p.label(), VerbalPasswords.hash(p.password()),
                    p.duress()));
        }
        return row;
    }

    private static List<RowError> duplicates(RecordKind kind, List<Row> rows) {
        List<RowError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, List<Row>> contactsBySite = new LinkedHashMap<>();
        for (Row row : rows) {
            String key = switch (kind) {
                case SITES -> "";
                case AREAS -> ((SiteRecord.Area) row.record()).area();
                case ZONES -> ZoneKey.of(((SiteRecord.Zone) row.record()).zone());
                case CONTACTS -> String.valueOf(((SiteRecord.Contact) row.record()).callOrder());
                case PASSWORDS -> row.record() instanceof ClearPassword p ? p.label()
                        : ((SiteRecord.StoredPassword) row.record()).label();
                case AGENCIES -> null;
            };
            if (key != null && !seen.add(row.siteId() + "\u0000" + key)) {
                errors.add(new RowError(row.line(), "site " + LogSafe.quote(row.siteId()) + " has this "
                        + kind.columns().get(1) + " twice" + (key.isEmpty() ? "" : ": " + LogSafe.quote(key))));
            }
            if (kind == RecordKind.CONTACTS) {
                contactsBySite.computeIfAbsent(row.siteId(), s -> new ArrayList<>()).add(row);
            }
        }
        for (List<Row> contacts : contactsBySite.values()) {
            Set<Integer> orders = new TreeSet<>();
            contacts.forEach(r -> orders.add(((SiteRecord.Contact) r.record()).callOrder()));
            int expected = 1;
            for (int order : orders) {
                if (order != expected) {
                    Row first = contacts.stream().filter(r -> ((SiteRecord.Contact) r.record()).callOrder() == order)
                            .findFirst().orElseThrow();
                    errors.add(new RowError(first.line(), "call_order: site " + LogSafe.quote(first.siteId())
                            + " has no contact " + expected + " before " + order + " (call orders are 1, 2, 3, ...)"));
                    break;
                }
                expected++;
            }
        }
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static void write(Connection c, RecordKind kind, String site, List<Object> records, String actor, Instant now)
            throws SQLException {
        if (kind == RecordKind.SITES) {
            SiteRecordStore.replaceBasics(c, site, (SiteRecord.Basics) records.get(0), actor, now);
            return;
        }
        SiteRecordStore.touch(c, site, actor, now);
        switch (kind) {
            case AREAS -> SiteRecordStore.replaceAreas(c, site, (List<SiteRecord.Area>) (List<?>) records);
            case ZONES -> SiteRecordStore.replaceZones(c, site, (List<SiteRecord.Zone>) (List<?>) records);
            case CONTACTS -> {
                List<SiteRecord.Contact> contacts = new ArrayList<>((List<SiteRecord.Contact>) (List<?>) records);
                contacts.sort(java.util.Comparator.comparingInt(SiteRecord.Contact::callOrder));
                SiteRecordStore.replaceContacts(c, site, contacts);
            }
            case PASSWORDS -> SiteRecordStore.replacePasswords(c, site, (List<SiteRecord.StoredPassword>) (List<?>) records);
            case AGENCIES -> SiteRecordStore.replaceAgencies(c, site, (List<SiteRecord.Agency>) (List<?>) records);
            default -> throw new IllegalStateException("unreachable");
        }
    }

    private static Double decimal(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidRecord(field, "is not a decimal number");
        }
    }

    private static int whole(String field, String value) {
        try {
            return Integer.parseInt(value == null ? "" : value);
        } catch (NumberFormatException e) {
            throw new InvalidRecord(field, "is not a whole number");
        }
    }

    private static boolean bool(String field, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidRecord(field, "is true or false");
    }
}
