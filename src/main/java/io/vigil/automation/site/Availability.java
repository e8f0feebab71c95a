package io.vigil.automation.site;

import io.vigil.support.LogSafe;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a contact may be called (docs/automation.md, "Availability windows"): {@code always}, or
 * windows {@code DAYS HH:MM-HH:MM} separated by {@code ;}, in the site's time zone. A window whose
 * end is before its start runs past midnight into the next day.
 */
public final class Availability {

    private record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        boolean covers(DayOfWeek day, LocalTime time) {
            if (!to.isBefore(from)) {
                return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
            }
            return (days.contains(day) && !time.isBefore(from)) || (days.contains(day.minus(1)) && time.isBefore(to));
        }
    }

    public static final Availability ALWAYS = new Availability(null);

    private final List<Window> windows;

    private Availability(List<Window> windows) {
        this.windows = windows;
    }

    /** Whether a contact with these windows may be called at {@code localTime} (the site's zone). */
    public boolean covers(ZonedDateTime localTime) {
        if (windows == null) {
            return true;
        }
        DayOfWeek day = localTime.getDayOfWeek();
        LocalTime time = localTime.toLocalTime();
        return windows.stream().anyMatch(w -> w.covers(day, time));
    }

    /** Parses the text form; IllegalArgumentException with what is wrong. */
    public static Availability parse(String text) {
        String trimmed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (trimmed.equals("always")) {
            return ALWAYS;
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("availability is 'always' or windows like 'mon-fri 08:00-18:00'");
        }
        List<Window> windows = new ArrayList<>();
        for (String part : trimmed.split(";")) {
            String[] dayAndTime = part.strip().split("\\s+");
            if (dayAndTime.length != 2) {
                throw new IllegalArgumentException("availability window " + LogSafe.quote(part.strip()) + " is not DAYS HH:MM-HH:MM");
            }
            String[] times = dayAndTime[1].split("-");
            if (times.length != 2) {
                throw new IllegalArgumentException("availability window " + LogSafe.quote(part.strip()) + " is not DAYS HH:MM-HH:MM");
            }
            try {
                LocalTime from = LocalTime.parse(times[0]);
                LocalTime to = LocalTime.parse(times[1]);
                if (from.equals(to)) {
                    throw new IllegalArgumentException("availability window " + LogSafe.quote(part.strip()) + " is empty");
                }
                windows.add(new Window(days(dayAndTime[0]), from, to));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("availability window " + LogSafe.quote(part.strip()) + " has a time that is not HH:MM");
            }
        }
        return new Availability(List.copyOf(windows));
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.split(",")) {
            String[] range = item.split("-");
            if (range.length == 1) {
                days.add(day(range[0]));
            } else if (range.length == 2) {
                DayOfWeek from = day(range[0]);
                DayOfWeek to = day(range[1]);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw new IllegalArgumentException("availability days " + LogSafe.quote(text) + " are not like mon-fri or sat,sun");
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().substring(0, 3).toLowerCase(Locale.ROOT).equals(text)) {
                return day;
            }
        }
        throw new IllegalArgumentException("availability day " + LogSafe.quote(text) + " is not one of mon, tue, wed, thu, fri, sat, sun");
    }
}
