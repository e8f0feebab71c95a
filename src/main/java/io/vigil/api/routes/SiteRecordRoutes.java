package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.INCIDENT_ACT;
import static io.vigil.api.auth.Permission.RECORDS_ADMIN;
import static io.vigil.api.auth.Permission.RECORDS_READ;

import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.ApiText;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.audit.AuditKind;
import io.vigil.automation.Automation;
import io.vigil.automation.plan.IncidentPlan;
import io.vigil.automation.plan.IncidentPlans;
import io.vigil.automation.plan.StepType;
import io.vigil.automation.site.Availability;
import io.vigil.automation.site.InvalidRecord;
import io.vigil.automation.site.RecordRules;
import io.vigil.automation.site.SiteRecord;
import io.vigil.automation.site.SiteRecordStore;
import io.vigil.automation.site.VerbalPasswords;
import io.vigil.automation.site.ZoneKey;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A site's records for operators (docs/automation.md, "Site records"): read by everyone who handles
 * or audits incidents, replaced as a whole by an administrator, and the verbal password check.
 */
public final class SiteRecordRoutes {

    public record Area(String area, String description) {}

    public record Zone(String zone, String area, String description, String zoneType, String label) {}

    public record Contact(int callOrder, String name, String role, String phone, String email, String availability,
                          String means, boolean available) {}

    /** A verbal password as shown: never the password or its hash. */
    public record Password(String label, boolean duress) {}

    public record Agency(String kind, String name, String phone, String reference) {}

    public record SiteRecords(String siteId, String address, Double latitude, Double longitude, String timeZone,
                              String region, String instructions, List<Area> areas, List<Zone> zones, List<Contact> contacts,
                              List<Password> passwords, List<Agency> agencies, Instant updatedAt, String updatedBy) {}

    public record ZoneInput(String zone, String area, String description, String zoneType) {}

    public record ContactInput(String name, String role, String phone, String email, String availability, String means) {}

    /** {@code password} null keeps the stored password of that label. */
    public record PasswordInput(String label, String password, Boolean duress) {}

    public record SiteRecordsInput(String address, Double latitude, Double longitude, String timeZone,
                                   String region, String instructions, List<Area> areas, List<ZoneInput> zones,
                                   List<ContactInput> contacts, List<PasswordInput> passwords, List<Agency> agencies) {}

    public record VerifyBody(String password, String incidentId) {}

    /** {@code recorded}: the outcome went onto the incident's verify_password step. */
    public record Verified(boolean match, String label, boolean duress, boolean recorded) {}

    private SiteRecordRoutes() {}

    public static List<Route> routes(Automation automation, ApiAudit audit) {
        return List.of(
                Route.get("/api/sites/{id}/records", RECORDS_READ, request -> {
                    request.allowQuery();
                    String id = siteId(request);
                    Automation a = require(automation);
                    SiteRecordStore.Loaded loaded = a.records().load(id).orElseThrow(() -> noSuchSite(id));
                    return Reply.ok(view(id, loaded, a.clock().instant()));
                }),
                Route.put("/api/sites/{id}/records", RECORDS_ADMIN, request -> replace(require(automation), audit, request)),
                Route.post("/api/sites/{id}/records:verify-password", INCIDENT_ACT,
                        request -> verify(require(automation), audit, request)));
    }

    static Automation require(Automation automation) {
        if (automation == null) {
            throw new io.vigil.api.IncidentConsole.Unavailable();
        }
        return automation;
    }

    private static Reply replace(Automation a, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        String id = siteId(request);
        SiteRecordsInput body = request.body(SiteRecordsInput.class);
        Map<String, String> existing = new LinkedHashMap<>();
        SiteRecordStore.Loaded loaded = a.records().load(id).orElseThrow(() -> noSuchSite(id));
        loaded.records().passwords().forEach(p -> existing.put(p.label(), p.hash()));
        SiteRecord.Set records = checked(body, existing);
        if (!a.records().replace(id, records, request.principal().name(), a.clock().instant())) {
            throw noSuchSite(id);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("areas", records.areas().size());
        counts.put("zones", records.zones().size());
        counts.put("contacts", records.contacts().size());
        counts.put("passwords", records.passwords().size());
        counts.put("agencies", records.agencies().size());
        audit.record(ApiAudit.entry(AuditKind.SITE_RECORDS_CHANGED, request, Map.of("counts", counts)).site(id));
        return Reply.ok(view(id, a.records().load(id).orElseThrow(() -> noSuchSite(id)), a.clock().instant()));
    }

    private static SiteRecord.Set checked(SiteRecordsInput in, Map<String, String> existingHashes) {
        try {
            SiteRecord.Basics basics = RecordRules.basics(in.address(), in.latitude(), in.longitude(), in.timeZone(),
                    in.region(), in.instructions());
            List<SiteRecord.Area> areas = unique("areas", list("areas", in.areas()),
                    x -> RecordRules.area(x.area(), x.description()), SiteRecord.Area::area);
            List<SiteRecord.Zone> zones = unique("zones", list("zones", in.zones()),
                    x -> RecordRules.zone(x.zone(), x.area(), x.description(), x.zoneType()), z -> ZoneKey.of(z.zone()));
            List<SiteRecord.Contact> contacts = new ArrayList<>();
            for (ContactInput c : list("contacts", in.contacts())) {
                contacts.add(RecordRules.contact(contacts.size() + 1, c.name(), c.role(), c.phone(), c.email(),
                        c.availability(), c.means()));
            }
            List<SiteRecord.StoredPassword> passwords = unique("passwords", list("passwords", in.passwords()), p -> {
                String label = RecordRules.passwordLabel(p.label());
                boolean duress = p.duress() != null && p.duress();
                if (p.password() == null) {
                    String hash = existingHashes.get(label);
                    if (hash == null) {
                        throw new InvalidRecord("password", "the site has no password labelled " + label + " to keep");
                    }
                    return new SiteRecord.StoredPassword(label, hash, duress);
                }
                return new SiteRecord.StoredPassword(label, VerbalPasswords.hash(RecordRules.password("password",
                        p.password())), duress);
            }, SiteRecord.StoredPassword::label);
            List<SiteRecord.Agency> agencies = list("agencies", in.agencies()).stream()
                    .map(x -> RecordRules.agency(x.kind(), x.name(), x.phone(), x.reference())).toList();
            return new SiteRecord.Set(basics, areas, zones, contacts, passwords, agencies);
        } catch (InvalidRecord e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static <T> List<T> list(String field, List<T> values) {
        if (values == null) {
            throw new InvalidRecord(field, "is required (send [] for none): a PUT replaces all of the site's records");
        }
        if (values.size() > 1000) {
            throw new InvalidRecord(field, "has more than 1000 entries");
        }
        return values;
    }

    private static <I, T> List<T> unique(String field, List<I> in, Function<I, T> check, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        List<T> out = new ArrayList<>();
        for (I item : in) {
            T value = check.apply(item);
            if (!seen.add(key.apply(value))) {
                throw new InvalidRecord(field, "names " + io.vigil.support.LogSafe.quote(key.apply(value)) + " twice");
            }
            out.add(value);
        }
        return out;
    }

    private static Reply verify(Automation a, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        String id = siteId(request);
        VerifyBody body = request.body(VerifyBody.class);
        String password = ApiText.require("password", body.password(), 1, 200);
        Optional<UUID> incident = Optional.ofNullable(body.incidentId()).map(SiteRecordRoutes::incidentUuid);
        List<SiteRecord.StoredPassword> stored = a.records().passwords(id);
        if (stored.isEmpty() && a.records().load(id).isEmpty()) {
            throw noSuchSite(id);
        }
        // every password is checked, so the time taken does not tell which (or whether one) matched
        SiteRecord.StoredPassword match = null;
        for (SiteRecord.StoredPassword p : stored) {
            if (VerbalPasswords.matches(password, p.hash()) && match == null) {
                match = p;
            }
        }
        boolean duress = match != null && match.duress();
        boolean recorded = false;
        if (incident.isPresent()) {
            Optional<IncidentPlan> plan = a.incidentPlans().plan(incident.get());
            if (plan.isEmpty() || !plan.get().siteId().equals(id)) {
                throw ApiException.badRequest("incidentId: no incident of site " + id + " has this id");
            }
            String outcome = match == null ? "password_wrong" : duress ? "duress_given" : "password_verified";
            IncidentPlans.Recorded done = a.incidentPlans().record(incident.get(), null, StepType.VERIFY_PASSWORD,
                    new IncidentPlans.NewOutcome(outcome, null, null, match == null ? null : "label: " + match.label()),
                    request.principal().name(), IncidentPlans.Source.PASSWORD_CHECK);
            recorded = done instanceof IncidentPlans.Recorded.Done;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("match", match != null);
        details.put("label", match == null ? null : match.label());
        details.put("duress", duress);
        details.put("recorded", recorded);
        io.vigil.audit.AuditEntry entry = ApiAudit.entry(AuditKind.SITE_PASSWORD_CHECKED, request, details).site(id);
        audit.record(incident.isPresent() ? entry.incident(incident.get().toString()) : entry);
        return Reply.ok(new Verified(match != null, match == null ? null : match.label(), duress, recorded));
    }

    static UUID incidentUuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("incidentId is not an incident id");
        }
    }

    private static SiteRecords view(String siteId, SiteRecordStore.Loaded loaded, Instant now) {
        SiteRecord.Set r = loaded.records();
        SiteRecord.Basics b = r.basics();
        java.time.ZonedDateTime local = now.atZone(ZoneId.of(b.timeZone()));
        return new SiteRecords(siteId, b.address(), b.latitude(), b.longitude(), b.timeZone(), b.region(), b.instructions(),
                r.areas().stream().map(x -> new Area(x.area(), x.description())).toList(),
                r.zones().stream().map(z -> new Zone(z.zone(), z.area(), z.description(), z.zoneType(), z.label())).toList(),
                r.contacts().stream().map(c -> new Contact(c.callOrder(), c.name(), c.role(), c.phone(), c.email(),
                        c.availability(), c.means(), Availability.parse(c.availability()).covers(local))).toList(),
                r.passwords().stream().map(p -> new Password(p.label(), p.duress())).toList(),
                r.agencies().stream().map(x -> new Agency(x.kind(), x.name(), x.phone(), x.reference())).toList(),
                loaded.stamp() == null ? null : loaded.stamp().updatedAt(),
                loaded.stamp() == null ? null : loaded.stamp().updatedBy());
    }

    static String siteId(ApiRequest request) {
        return SiteRoutes.siteId(request);
    }

    private static ApiException noSuchSite(String id) {
        return ApiException.notFound("no site " + id);
    }
}
