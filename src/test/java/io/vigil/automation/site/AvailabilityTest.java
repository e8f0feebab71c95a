package io.vigil.automation.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static ZonedDateTime at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(LONDON);
    }

    @Test
    void windowsCoverTheirDaysAndHoursEndExclusive() {
        Availability office = Availability.parse("mon-fri 08:00-18:00; sat 09:00-12:00");
        assertThat(office.covers(at("2026-12-07T08:00"))).as("Monday 08:00").isTrue();
        assertThat(office.covers(at("2026-12-07T18:00"))).as("Monday 18:00").isFalse();
        assertThat(office.covers(at("2026-12-12T10:00"))).as("Saturday 10:00").isTrue();
        assertThat(office.covers(at("2026-12-13T10:00"))).as("Sunday").isFalse();
        assertThat(Availability.ALWAYS.covers(at("2026-12-13T03:00"))).isTrue();
    }

    @Test
    void aWindowEndingBeforeItStartsRunsPastMidnight() {
        Availability nights = Availability.parse("fri 22:00-06:00");
        assertThat(nights.covers(at("2026-12-11T23:00"))).as("Friday night").isTrue();
        assertThat(nights.covers(at("2026-12-12T05:59"))).as("Saturday early, still Friday's window").isTrue();
        assertThat(nights.covers(at("2026-12-12T23:00"))).as("Saturday night").isFalse();
        assertThat(Availability.parse("sun 22:00-06:00").covers(at("2026-12-07T01:00"))).as("wraps the week").isTrue();
    }

    @Test
    void badTextIsRefusedWithWhatIsWrongEscaped() {
        assertThatThrownBy(() -> Availability.parse("weekdays 08:00-18:00")).hasMessageContaining("not one of mon");
        assertThatThrownBy(() -> Availability.parse("mon 08:00-25:00")).hasMessageContaining("HH:MM");
        assertThatThrownBy(() -> Availability.parse("mon\u001b[2J 08:00")).hasMessageContaining("\\u001b")
                .hasMessageNotContaining("\u001b");
    }
}
