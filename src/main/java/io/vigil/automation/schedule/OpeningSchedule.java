package io.vigil.automation.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a site is expected to be open (disarmed) and closed (armed): weekly windows in the site's
 * time zone, grace times, holidays (closed all day) and temporary changes (other windows on given
 * dates) (docs/automation.md, "Open/close schedules"). Local times become instants through the
 * site's zone on each date, so a window keeps its wall-clock times across a DST change; a time that
 * does not exist that day (spring forward) is moved later by the gap, as {@link ZonedDateTime} does.
 */
public final class OpeningSchedule {

    /** One open period of a day; {@code closes} after {@code opens} (overnight periods are not supported). */
    public record Window(LocalTime opens, LocalTime closes) {
        public Window {
            if (!closes.isAfter(opens)) {
                throw new IllegalArgumentException("a window closes after it opens: " + opens + "-" + closes);
            }
        }
    }

    /** A date that does not follow the week: {@code windows} empty is a holiday (closed all day). */
    public record DayOverride(LocalDate date, List<Window> windows, String reason) {
        public DayOverride {
            windows = List.copyOf(windows);
        }
    }

    /** One expected open period as instants. */
    public record Period(Instant opens, Instant closes) {
        public boolean contains(Instant t) {
            return !t.isBefore(opens) && t.isBefore(closes);
        }
    }

    private final ZoneId zone;
    private final Duration openGrace;
    private final Duration closeGrace;
    private final Map<DayOfWeek, List<Window>> week;
    private final Map<LocalDate, DayOverride> overrides;

    public OpeningSchedule(ZoneId zone, Duration openGrace, Duration closeGrace, Map<DayOfWeek, List<Window>> week,
                           List<DayOverride> overrides) {
        this.zone = zone;
        this.openGrace = openGrace;
        this.closeGrace = closeGrace;
        this.week = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, windows) -> this.week.put(day, List.copyOf(windows)));
        this.overrides = new java.util.HashMap<>();
        overrides.forEach(o -> this.overrides.put(o.date(), o));
    }

    public Duration openGrace() {
        return openGrace;
    }

    public Duration closeGrace() {
        return closeGrace;
    }

    /** The periods of one local date: its override if it has one, else its weekday's windows. */
    public List<Period> periodsOn(LocalDate date) {
        DayOverride override = overrides.get(date);
        List<Window> windows = override != null ? override.windows() : week.getOrDefault(date.getDayOfWeek(), List.of());
        List<Period> periods = new ArrayList<>();
        for (Window w : windows) {
            periods.add(new Period(date.atTime(w.opens()).atZone(zone).toInstant(),
                    date.atTime(w.closes()).atZone(zone).toInstant()));
        }
        return periods;
    }

    /** Periods that overlap {@code from..to}, in time order. */
    public List<Period> periodsBetween(Instant from, Instant to) {
        List<Period> periods = new ArrayList<>();
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Period p : periodsOn(d)) {
                if (p.closes().isAfter(from) && p.opens().isBefore(to)) {
                    periods.add(p);
                }
            }
        }
        return periods;
    }

    /** The period an opening at {@code t} belongs to, allowing the open grace early; empty: outside the schedule. */
    public Optional<Period> periodOfOpening(Instant t) {
        return periodsBetween(t.minus(Duration.ofDays(1)), t.plus(Duration.ofDays(1))).stream()
                .filter(p -> !t.isBefore(p.opens().minus(openGrace)) && t.isBefore(p.closes()))
                .findFirst();
    }
}
