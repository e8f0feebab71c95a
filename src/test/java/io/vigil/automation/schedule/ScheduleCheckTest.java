package io.vigil.automation.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.automation.schedule.OpeningSchedule.DayOverride;
import io.vigil.automation.schedule.OpeningSchedule.Window;
import io.vigil.automation.schedule.ScheduleCheck.Kind;
import io.vigil.automation.schedule.ScheduleCheck.Report;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schedules in Europe/London, across the 2026 DST changes (29 March forward, 25 October back), a holiday and a change. */
class ScheduleCheckTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Duration GRACE = Duration.ofMinutes(15);

    private static OpeningSchedule schedule(List<DayOverride> overrides) {
        Map<DayOfWeek, List<Window>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new Window(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        return new OpeningSchedule(LONDON, GRACE, GRACE, week, overrides);
    }

    private static List<ScheduleCheck.Exception> due(OpeningSchedule s, List<Report> reports, String from, String to) {
        return ScheduleCheck.due(s, reports, Instant.parse(from), Instant.parse(to));
    }

    @Test
    void theOpenDeadlineFollowsTheWallClockAcrossTheSpringChange() {
        OpeningSchedule s = schedule(List.of());
        // Saturday 28 March (GMT): 09:00 local is 09:00Z; Sunday 29 March (BST): 09:00 local is 08:00Z
        List<ScheduleCheck.Exception> saturday = due(s, List.of(), "2026-03-28T00:00:00Z", "2026-03-28T12:00:00Z");
        assertThat(saturday).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.LATE_TO_OPEN);
            assertThat(e.due()).isEqualTo(Instant.parse("2026-03-28T09:15:00Z"));
        });
        List<ScheduleCheck.Exception> sunday = due(s, List.of(), "2026-03-29T00:00:00Z", "2026-03-29T08:14:59Z");
        assertThat(sunday).as("nothing due before 09:15 BST = 08:15Z").isEmpty();
        assertThat(due(s, List.of(), "2026-03-29T08:14:59Z", "2026-03-29T08:15:00Z")).singleElement()
                .satisfies(e -> assertThat(e.period().opens()).isEqualTo(Instant.parse("2026-03-29T08:00:00Z")));
        // an opening at 08:55 BST (07:55Z) is in time; by UTC arithmetic it would have been an hour early
        assertThat(due(s, List.of(new Report(Instant.parse("2026-03-29T07:55:00Z"), true, "003")),
                "2026-03-29T00:00:00Z", "2026-03-29T12:00:00Z")).isEmpty();
    }

    @Test
    void aWindowAcrossTheMissingHourIsAnHourShorterAndTheAutumnChangeAnHourLonger() {
        OpeningSchedule night = new OpeningSchedule(LONDON, GRACE, GRACE,
                Map.of(DayOfWeek.SUNDAY, List.of(new Window(LocalTime.of(0, 30), LocalTime.of(3, 0)))), List.of());
        OpeningSchedule.Period spring = night.periodsOn(LocalDate.of(2026, 3, 29)).get(0);
        assertThat(Duration.between(spring.opens(), spring.closes())).isEqualTo(Duration.ofMinutes(90));
        OpeningSchedule.Period autumn = night.periodsOn(LocalDate.of(2026, 10, 25)).get(0);
        assertThat(Duration.between(autumn.opens(), autumn.closes())).isEqualTo(Duration.ofMinutes(210));
    }

    @Test
    void aHolidayExpectsNoOpeningAndOpeningOnItIsOutsideTheSchedule() {
        OpeningSchedule s = schedule(List.of(new DayOverride(LocalDate.of(2026, 12, 25), List.of(), "Christmas")));
        assertThat(due(s, List.of(), "2026-12-25T00:00:00Z", "2026-12-25T23:59:00Z")).isEmpty();
        Report open = new Report(Instant.parse("2026-12-25T10:00:00Z"), true, "007");
        assertThat(due(s, List.of(open), "2026-12-25T00:00:00Z", "2026-12-25T23:59:00Z")).singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNSCHEDULED_OPEN);
                    assertThat(e.user()).isEqualTo("007");
                });
    }

    @Test
    void aTemporaryChangeReplacesTheDaysWindows() {
        OpeningSchedule s = schedule(List.of(new DayOverride(LocalDate.of(2026, 12, 24),
                List.of(new Window(LocalTime.of(9, 0), LocalTime.of(12, 0))), "Christmas Eve: half day")));
        Report open = new Report(Instant.parse("2026-12-24T08:50:00Z"), true, "001");
        List<ScheduleCheck.Exception> found = due(s, List.of(open), "2026-12-24T00:00:00Z", "2026-12-24T23:00:00Z");
        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.FAIL_TO_CLOSE);
            assertThat(e.due()).isEqualTo(Instant.parse("2026-12-24T12:15:00Z"));
            assertThat(e.user()).isEqualTo("001");
        });
        Report close = new Report(Instant.parse("2026-12-24T12:05:00Z"), false, "001");
        assertThat(due(s, List.of(open, close), "2026-12-24T00:00:00Z", "2026-12-24T23:00:00Z")).isEmpty();
    }

    @Test
    void anOpeningWithinTheGraceBeforeThePeriodIsScheduledAndOneBeforeItIsNot() {
        OpeningSchedule s = schedule(List.of());
        assertThat(s.periodOfOpening(Instant.parse("2026-12-07T08:45:00Z"))).isPresent();
        assertThat(s.periodOfOpening(Instant.parse("2026-12-07T08:44:59Z"))).isEmpty();
        assertThat(s.periodOfOpening(Instant.parse("2026-12-07T17:00:00Z"))).isEmpty();
    }
}
