package io.vigil.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.automation.plan.ActionPlan;
import io.vigil.automation.plan.PlanStore;
import io.vigil.automation.site.SiteRecord;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.automation.site.VerbalPasswords;
import io.vigil.db.Database;
import io.vigil.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's sites get records and the centre gets plans, once; what an operator changed stays. */
class DemoRecordsIT {

    @Test
    void theDemoSitesGetRecordsAndPlansOnceAndEditsAreKept() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated();
             HikariDataSource pool = Database.appPool(database.config().withPoolSize(2), "demo-records-test")) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO sites (id) VALUES ('site-0001'), ('site-0002')");
            }
            DemoRecords.seed(pool, List.of("site-0001", "site-0002"), Clock.systemUTC());
            SiteRecordStore records = new SiteRecordStore(pool);
            SiteRecord.Set first = records.load("site-0001").orElseThrow().records();
            assertThat(first.zones()).extracting(SiteRecord.Zone::label).contains("Zone 15 - rear door, entry/exit");
            assertThat(first.contacts()).hasSize(2);
            assertThat(first.passwords()).anySatisfy(p -> {
                assertThat(p.duress()).isTrue();
                assertThat(VerbalPasswords.matches("Red Kite", p.hash())).isTrue();
            });
            assertThat(new PlanStore(pool).list()).extracting(ActionPlan::id).containsExactlyInAnyOrder("intrusion", "fire");

            SiteRecord.Set edited = new SiteRecord.Set(first.basics(), List.of(), first.zones().subList(0, 1), first.contacts(),
                    first.passwords(), first.agencies());
            records.replace("site-0001", edited, "admin", Clock.systemUTC().instant());
            DemoRecords.seed(pool, List.of("site-0001", "site-0002"), Clock.systemUTC());
            assertThat(records.load("site-0001").orElseThrow().records().zones()).hasSize(1);
        }
    }
}
