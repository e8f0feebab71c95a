package io.vigil.automation.sla;

import static io.vigil.escalation.Signals.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.db.Database;
import io.vigil.escalation.IncidentEngine;
import io.vigil.escalation.IncidentQuery;
import io.vigil.escalation.IncidentService;
import io.vigil.escalation.IncidentState;
import io.vigil.escalation.policy.EscalationPolicy;
import io.vigil.escalation.policy.EscalationPolicyLoader;
import io.vigil.normalize.EventCategory;
import io.vigil.testing.MutableClock;
import io.vigil.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Service levels over real incidents acknowledged and closed at known times (an injected clock). */
class ServiceLevelsIT {

    @Test
    void percentilesAndLateAcknowledgementsPerPriorityAndOperator() throws Exception {
        try (TestDatabase database = TestDatabase.createMigrated();
             HikariDataSource pool = Database.appPool(database.config().withPoolSize(2), "sla-test")) {
            EscalationPolicy policy = EscalationPolicyLoader.load(Path.of("config/escalation-policy.yaml"));
            MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");
            IncidentEngine engine = new IncidentEngine(pool, policy, clock);
            IncidentService service = new IncidentService(pool, policy, clock);
            Instant t0 = clock.instant();
            int[] ackAfter = {30, 60, 120};
            String[] operators = {"ann", "ann", "bob"};
            for (int i = 0; i < 3; i++) {
                String site = "sla-" + UUID.randomUUID().toString().substring(0, 8);
                clock.set(t0);
                engine.process(List.of(alarm(site, EventCategory.FIRE, "1", t0)));
                UUID id = service.queue(new IncidentQuery(EnumSet.of(IncidentState.NEW), site, Set.of(), Set.of(), 10))
                        .get(0).id();
                clock.set(t0.plusSeconds(ackAfter[i]));
                service.acknowledge(id, operators[i], "seen");
                if (i < 2) {
                    service.resolve(id, operators[i], "ok");
                    clock.set(t0.plusSeconds(600));
                    service.close(id, "sup", "closed");
                }
            }
            engine.process(List.of(alarm("sla-other", EventCategory.BURGLARY, "1", t0)));

            ServiceLevels levels = new ServiceLevels(pool);
            List<ServiceLevels.Row> byPriority = levels.report(new ServiceLevels.Query(t0.minusSeconds(1), t0.plusSeconds(3600),
                    ServiceLevels.GroupBy.PRIORITY, Set.of(), Set.of(), Duration.ofSeconds(90)));
            assertThat(byPriority).extracting(ServiceLevels.Row::group).containsExactly("1", "2");
            ServiceLevels.Row fire = byPriority.get(0);
            assertThat(fire.incidents()).isEqualTo(3);
            assertThat(fire.acknowledged()).isEqualTo(3);
            assertThat(fire.closed()).isEqualTo(2);
            assertThat(fire.ackP50()).isEqualTo(60.0);
            assertThat(fire.ackP90()).isEqualTo(108.0);
            assertThat(fire.ackP99()).isEqualTo(118.8);
            assertThat(fire.closeP50()).isEqualTo(600.0);
            assertThat(fire.notAcknowledgedWithin()).isEqualTo(1);
            ServiceLevels.Row burglary = byPriority.get(1);
            assertThat(burglary.ackP50()).isNull();
            assertThat(burglary.notAcknowledgedWithin()).as("never acknowledged counts").isEqualTo(1);

            List<ServiceLevels.Row> byOperator = levels.report(new ServiceLevels.Query(t0.minusSeconds(1), t0.plusSeconds(3600),
                    ServiceLevels.GroupBy.OPERATOR, Set.of("fire"), Set.of(), Duration.ofSeconds(45)));
            assertThat(byOperator).extracting(ServiceLevels.Row::group).containsExactly("ann", "bob");
            assertThat(byOperator.get(0).notAcknowledgedWithin()).isEqualTo(1);
            assertThat(byOperator.get(1).ackP50()).isEqualTo(120.0);
        }
    }
}
