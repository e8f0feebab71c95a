package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.RECORDS_ADMIN;
import static io.vigil.api.auth.Permission.RECORDS_READ;

import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.ApiText;
import io.vigil.api.ApiValues;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.audit.AuditKind;
import io.vigil.automation.Automation;
import io.vigil.automation.schedule.OpeningSchedule;
import io.vigil.automation.schedule.ScheduleStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A site's open/close schedule (docs/automation.md, "Open/close schedules"). */
public final class ScheduleRoutes {

    public record Window(String opens, String closes) {}

    public record Day(String date, List<Window> windows, String reason) {}

    /** {@code week}: {@code mon}..{@code sun} to that day's windows; a day not named has none. */
    public record Schedule(String timeZone, String openGrace, String closeGrace, Map<String, List<Window>> week,
                           List<Day> days) {}

    public record ScheduleInput(String openGrace, String closeGrace, Map<String, List<Window>> week, List<Day> days) {}

    private static final Duration MAX_GRACE = Duration.ofHours(24);

    private ScheduleRoutes() {}

    public static List<Route> routes(Automation automation, ApiAudit audit) {
        return List.of(
                Route.get("/api/sites/{id}/schedule", RECORDS_READ, request -> {
                    request.allowQuery();
                    String id = SiteRecordRoutes.siteId(request);
                    ScheduleStore.Stored stored = SiteRecordRoutes.require(automation).schedules().load(id)
                            .orElseThrow(() -> ApiException.notFound("site " + id + " has no schedule"));
                    return Reply.ok(view(stored));
                }),
                Route.put("/api/sites/{id}/schedule", RECORDS_ADMIN, request -> {
                    request.allowQuery();
                    Automation a = SiteRecordRoutes.require(automation);
                    String id = SiteRecordRoutes.siteId(request);
                    ScheduleStore.Stored stored = checked(request.body(ScheduleInput.class));
                    if (!a.schedules().put(id, stored, request.principal().name(), a.clock().instant())) {
                        throw ApiException.notFound("no site " + id);
                    }
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("windows", stored.week().values().stream().mapToInt(List::size).sum());
                    details.put("days", stored.days().size());
                    audit.record(ApiAudit.entry(AuditKind.SITE_SCHEDULE_CHANGED, request, details).site(id));
                    return Reply.ok(view(a.schedules().load(id).orElseThrow()));
                }));
    }

    private static ScheduleStore.Stored checked(ScheduleInput in) {
        Duration openGrace = grace("openGrace", in.openGrace());
        Duration closeGrace = grace("closeGrace", in.closeGrace());
        if (in.week() == null || in.days() == null) {
            throw ApiException.badRequest("week and days are required (send {} and [] for none)");
        }
        Map<DayOfWeek, List<OpeningSchedule.Window>> week = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, List<Window>> day : in.week().entrySet()) {
            DayOfWeek dayOfWeek = day(day.getKey());
            week.put(dayOfWeek, windows("week." + day.getKey(), day.getValue()));
        }
        List<OpeningSchedule.DayOverride> days = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (Day day : in.days()) {
            LocalDate date;
            try {
                date = LocalDate.parse(day.date() == null ? "" : day.date());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("days: date is YYYY-MM-DD");
            }
            if (!seen.add(date)) {
                throw ApiException.badRequest("days: " + date + " is given twice");
            }
            days.add(new OpeningSchedule.DayOverride(date, windows("days." + date, day.windows()),
                    ApiText.require("days.reason", day.reason(), 1, 200)));
        }
        return new ScheduleStore.Stored("UTC", openGrace, closeGrace, week, days);
    }

    private static List<OpeningSchedule.Window> windows(String field, List<Window> windows) {
        if (windows == null) {
            throw ApiException.badRequest(field + " is a list of windows ([] for none)");
        }
        List<OpeningSchedule.Window> checked = new ArrayList<>();
        for (Window w : windows) {
            try {
                OpeningSchedule.Window window = new OpeningSchedule.Window(LocalTime.parse(w.opens()), LocalTime.parse(w.closes()));
                if (checked.stream().anyMatch(o -> o.opens().isBefore(window.closes()) && window.opens().isBefore(o.closes()))) {
                    throw ApiException.badRequest(field + ": windows overlap");
                }
                checked.add(window);
            } catch (DateTimeParseException | NullPointerException e) {
                throw ApiException.badRequest(field + ": opens and closes are HH:MM");
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + ": " + e.getMessage());
            }
        }
        return checked;
    }

    private static Duration grace(String field, String text) {
        Duration grace = text == null ? Duration.ofMinutes(15) : ApiValues.duration(field, text);
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw ApiException.badRequest(field + " is 0 to 24h");
        }
        return grace;
    }

    private static DayOfWeek day(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (name(day).equals(text)) {
                return day;
            }
        }
        throw ApiException.badRequest("week: days are mon, tue, wed, thu, fri, sat, sun");
    }

    private static String name(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    private static Schedule view(ScheduleStore.Stored s) {
        Map<String, List<Window>> week = new LinkedHashMap<>();
        s.week().forEach((day, windows) -> week.put(name(day), windows.stream()
                .map(w -> new Window(w.opens().toString(), w.closes().toString())).toList()));
        List<Day> days = s.days().stream().map(d -> new Day(d.date().toString(), d.windows().stream()
                .map(w -> new Window(w.opens().toString(), w.closes().toString())).toList(), d.reason())).toList();
        return new Schedule(s.timeZone(), s.openGrace().toString(), s.closeGrace().toString(), week, days);
    }
}
