package io.vigil.automation.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.db.Database;
import io.vigil.testing.TestDatabase;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV import and export against PostgreSQL: all or nothing, per-row errors, export reads back. */
class SiteRecordsCsvIT {

    static TestDatabase database;
    static HikariDataSource pool;
    static SiteRecordStore store;
    static SiteRecordsCsv csv;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated();
        pool = Database.appPool(database.config().withPoolSize(2), "site-records-test");
        store = new SiteRecordStore(pool);
        csv = new SiteRecordsCsv(store);
    }

    @AfterAll
    static void stop() {
        pool.close();
        database.close();
    }

    static String newSite() throws Exception {
        String id = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO sites (id) VALUES (?)")) {
            s.setString(1, id);
            s.executeUpdate();
        }
        return id;
    }

    static SiteRecordsCsv.Result load(RecordKind kind, String text) {
        return csv.importCsv(kind, new StringReader(text), "test", Instant.now());
    }

    @Test
    void anImportWithBadRowsWritesNothingAndNamesEveryBadRow() throws Exception {
        String site = newSite();
        assertThat(load(RecordKind.ZONES, "site_id,zone,area,description,zone_type\n" + site + ",1,,front door,entry_exit\n"))
                .isInstanceOf(SiteRecordsCsv.Result.Imported.class);

        SiteRecordsCsv.Result result = load(RecordKind.ZONES, "site_id,zone,area,description,zone_type\n"
                + site + ",01,,hall,interior\n"
                + site + ",2,,kitchen,indoor\n"           // unknown type
                + site + ",3-4,,landing,interior\n"       // not a zone
                + site + ",001,,hall again,interior\n"    // the same zone as 01
                + site + ",5,,\"multi\nline\",perimeter\n"
                + site + ",6,,\u001b[31mred,interior,extra\n");
        assertThat(result).isInstanceOf(SiteRecordsCsv.Result.Refused.class);
        List<String> errors = ((SiteRecordsCsv.Result.Refused) result).errors().stream().map(Object::toString).toList();
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("line 3: zone_type"))
                .anySatisfy(e -> assertThat(e).startsWith("line 4: zone"))
                .anySatisfy(e -> assertThat(e).startsWith("line 5: ").contains("twice"))
                .anySatisfy(e -> assertThat(e).startsWith("line 8: has 6 fields"))
                .hasSize(4);
        assertThat(String.join("\n", errors)).doesNotContain("\u001b");
        assertThat(store.load(site).orElseThrow().records().zones()).as("nothing half imported")
                .containsExactly(new SiteRecord.Zone("1", null, "front door", "entry_exit"));
    }

    @Test
    void anUnknownSiteRefusesTheWholeFile() throws Exception {
        String site = newSite();
        SiteRecordsCsv.Result result = load(RecordKind.AGENCIES, "site_id,kind,name,phone,reference\n"
                + site + ",police,City Police,101,URN 1\n"
                + "no-such-site,guard,Guards Ltd,+44 1 2,G-7\n");
        assertThat(result).isInstanceOf(SiteRecordsCsv.Result.Refused.class);
        assertThat(((SiteRecordsCsv.Result.Refused) result).errors()).singleElement().asString()
                .startsWith("line 3: site_id: no registered site");
        assertThat(store.load(site).orElseThrow().records().agencies()).isEmpty();
    }

    @Test
    void contactsNeedCallOrdersOneTwoThreeAndTheirMeans() throws Exception {
        String site = newSite();
        SiteRecordsCsv.Result result = load(RecordKind.CONTACTS,
                "site_id,call_order,name,role,phone,email,availability,means\n"
                        + site + ",1,Ann,keyholder,+44 113 496 0000,,always,phone\n"
                        + site + ",3,Bob,keyholder,+44 113 496 0001,,always,phone\n"
                        + site + ",4,Cy,keyholder,,,always,phone\n");
        List<String> errors = ((SiteRecordsCsv.Result.Refused) result).errors().stream().map(Object::toString).toList();
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("line 3: call_order"))
                .anySatisfy(e -> assertThat(e).startsWith("line 4: phone: is required")).hasSize(2);
    }

    @Test
    void exportThenImportChangesNothingAndPasswordsStayHashed() throws Exception {
        String site = newSite();
        String other = newSite();
        assertThat(load(RecordKind.SITES, "site_id,address,latitude,longitude,time_zone,region,instructions\n"
                + site + ",\"1 High St\nLeeds, \"\"rear\"\"\",53.8,-1.55,Europe/London,north,Dog on site\n"))
                .isInstanceOf(SiteRecordsCsv.Result.Imported.class);
        assertThat(load(RecordKind.CONTACTS, "site_id,call_order,name,role,phone,email,availability,means\n"
                + site + ",2,Bob,contact,+44 113 496 0001,bob@example.org,mon-fri 08:00-18:00,\"phone,email\"\n"
                + site + ",1,Ann,keyholder,+44 113 496 0000,,always,phone\n"
                + other + ",1,Cy,keyholder,+1 555 0100,,always,phone\n"))
                .isInstanceOf(SiteRecordsCsv.Result.Imported.class);
        assertThat(load(RecordKind.PASSWORDS, "site_id,label,password,password_hash,duress\n"
                + site + ",Ann,Blue Heron,,false\n" + site + ",Ann duress,Red Kite,,true\n"))
                .isInstanceOf(SiteRecordsCsv.Result.Imported.class);

        SiteRecord.Set before = store.load(site).orElseThrow().records();
        assertThat(before.contacts()).extracting(SiteRecord.Contact::name).containsExactly("Ann", "Bob");
        assertThat(before.basics().address()).isEqualTo("1 High St\nLeeds, \"rear\"");
        for (RecordKind kind : RecordKind.values()) {
            StringWriter out = new StringWriter();
            csv.export(kind, List.of(site), out);
            assertThat(out.toString()).doesNotContain("Blue Heron").doesNotContain(other);
            assertThat(load(kind, out.toString())).as(kind.wireName()).isInstanceOf(SiteRecordsCsv.Result.Imported.class);
        }
        SiteRecord.Set after = store.load(site).orElseThrow().records();
        assertThat(after).isEqualTo(before);
        assertThat(VerbalPasswords.matches("blue heron", after.passwords().get(0).hash())).isTrue();
        assertThat(store.load(other).orElseThrow().records().contacts()).as("a site not in the file is untouched")
                .extracting(SiteRecord.Contact::name).containsExactly("Cy");
    }
}
