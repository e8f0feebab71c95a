package io.vigil.automation.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a site's open/close reports mean against its schedule (docs/automation.md, "Open/close
 * schedules"): an opening outside every period (plus the open grace before it), a period whose
 * opening did not come within the open grace (late to open), and a period whose end passed by the
 * close grace while the site was still open (fail to close). Pure: the caller supplies the reports
 * and the time, so the same inputs always give the same exceptions.
 */
public final class ScheduleCheck {

    /** An open/close report of the site: {@code open} true for an opening (disarm), false for a closing (arm). */
    public record Report(Instant at, boolean open, String user) {}

    /** The kinds of schedule exception, each an incident category of the policy file. */
    public enum Kind {
        LATE_TO_OPEN("late_to_open"), FAIL_TO_CLOSE("fail_to_close"), UNSCHEDULED_OPEN("unscheduled_open");

        private final String category;

        Kind(String category) {
            this.category = category;
        }

        public String category() {
            return category;
        }
    }

    /**
     * One exception. {@code due}: when it became an exception (deadline or report time), {@code period}
     * the scheduled period it is about (null for an unscheduled opening), {@code user} the user number
     * of the report that caused it.
     */
    public record Exception(Kind kind, Instant due, OpeningSchedule.Period period, String user) {}

    private ScheduleCheck() {}

    /**
     * The exceptions that became due in {@code (from, to]}, given every report from at least a day
     * before {@code from} up to {@code to}, in time order.
     */
    public static List<Exception> due(OpeningSchedule schedule, List<Report> reports, Instant from, Instant to) {
        List<Exception> found = new ArrayList<>();
        for (Report report : reports) {
            if (report.open() && report.at().isAfter(from) && !report.at().isAfter(to)
                    && schedule.periodOfOpening(report.at()).isEmpty()) {
                found.add(new Exception(Kind.UNSCHEDULED_OPEN, report.at(), null, report.user()));
            }
        }
        for (OpeningSchedule.Period period : schedule.periodsBetween(from.minus(schedule.closeGrace()), to)) {
            Instant openDeadline = period.opens().plus(schedule.openGrace());
            if (openDeadline.isAfter(from) && !openDeadline.isAfter(to)
                    && reports.stream().noneMatch(r -> r.open() && !r.at().isBefore(period.opens().minus(schedule.openGrace()))
                            && !r.at().isAfter(openDeadline))) {
                found.add(new Exception(Kind.LATE_TO_OPEN, openDeadline, period, null));
            }
            Instant closeDeadline = period.closes().plus(schedule.closeGrace());
            if (closeDeadline.isAfter(from) && !closeDeadline.isAfter(to)) {
                Report last = null;
                for (Report r : reports) {
                    if (!r.at().isAfter(closeDeadline)) {
                        last = r;
                    }
                }
                if (last != null && last.open()) {
                    found.add(new Exception(Kind.FAIL_TO_CLOSE, closeDeadline, period, last.user()));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(Exception::due));
        return found;
    }
}
