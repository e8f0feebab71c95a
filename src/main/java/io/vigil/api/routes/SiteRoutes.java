package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.SITE_ADMIN;
import static io.vigil.api.auth.Permission.SITE_READ;

import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.ApiText;
import io.vigil.api.ApiValues;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.audit.AuditKind;
import io.vigil.pki.DevPki;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.SiteEnrollment;
import io.vigil.trust.keys.KeyRegistry;
import io.vigil.trust.keys.KeyRegistryException;
import io.vigil.trust.keys.SiteKeyRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sites and their signing keys (docs/envelope.md, "Keys"), as {@code vigil site ...} does them.
 * Enrolment writes the device bundle, with the device's private keys, to the server's
 * {@code vigil.sites.dir/<id>/} (owner-only) and never into an answer or a log: the installer takes
 * it from there over a channel of their choosing.
 */
public final class SiteRoutes {

    public static final int MAX_NAME = 200;
    public static final int MAX_REASON = 500;
    public static final Duration MAX_OVERLAP = Duration.ofDays(30);
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public record EnrollBody(String id, String name, String alg) {}

    public record RotateBody(String alg, String overlap) {}

    public record ReasonBody(String reason) {}

    public record Key(String kid, String alg, String status, Instant notBefore, Instant notAfter, Instant revokedAt,
                      String revokeReason, Instant createdAt) {}

    public record Site(String id, String name, Instant createdAt, Instant disabledAt, List<Key> keys) {}

    public record Sites(List<Site> sites) {}

    /** Where the device bundle is: on the server, never in the answer. */
    public record Bundle(String delivery, String path) {}

    public record Enrolled(String siteId, String kid, String alg, Bundle bundle) {}

    public record Rotated(String siteId, String kid, String alg, List<String> retiringKids, Instant retiringUntil,
                          Bundle bundle) {}

    private SiteRoutes() {}

    public static List<Route> routes(KeyRegistry registry, SiteEnrollment enrollment, ApiAudit audit) {
        // enrolment writes files and rolls them back on failure: one administrative act at a time
        Object adminLock = new Object();
        return List.of(
                Route.get("/api/sites", SITE_READ, request -> {
                    request.allowQuery();
                    Instant now = Instant.now();
                    return Reply.ok(new Sites(registry.list().stream().map(s -> site(s, now)).toList()));
                }),
                Route.get("/api/sites/{id}", SITE_READ, request -> {
                    request.allowQuery();
                    String id = siteId(request);
                    return Reply.ok(site(registry.loadSite(id).orElseThrow(() -> noSuchSite(id)), Instant.now()));
                }),
                Route.post("/api/sites", SITE_ADMIN, request -> {
                    synchronized (adminLock) {
                        return enroll(enrollment, audit, request);
                    }
                }),
                Route.post("/api/sites/{id}/keys:rotate", SITE_ADMIN, request -> {
                    synchronized (adminLock) {
                        return rotate(registry, enrollment, audit, request);
                    }
                }),
                Route.post("/api/sites/{id}/keys/{kid}:revoke", SITE_ADMIN, request -> {
                    synchronized (adminLock) {
                        return revoke(registry, enrollment, audit, request);
                    }
                }));
    }

    private static Reply enroll(SiteEnrollment enrollment, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        EnrollBody body = request.body(EnrollBody.class);
        if (body.id() == null || !DevPki.SITE_ID.matcher(body.id()).matches()) {
            throw ApiException.badRequest("id: a site id is 1-64 characters of letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        String name = ApiText.require("name", body.name() == null ? "" : body.name(), 0, MAX_NAME);
        SignatureAlgorithm alg = algorithm(body.alg() == null ? "EdDSA" : body.alg());
        SiteEnrollment.Enrolled enrolled;
        try {
            enrolled = enrollment.enroll(body.id(), name, alg);
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (KeyRegistryException e) {
            throw permanentOrRetry(e, "site " + body.id() + " is registered already");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", name);
        details.put("kid", enrolled.kid());
        details.put("alg", enrolled.alg().joseName());
        audit.record(ApiAudit.entry(AuditKind.SITE_ENROLLED, request, details).site(enrolled.siteId()));
        return Reply.created(new Enrolled(enrolled.siteId(), enrolled.kid(), enrolled.alg().joseName(),
                bundle(enrolled.bundle())));
    }

    private static Reply rotate(KeyRegistry registry, SiteEnrollment enrollment, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        String id = siteId(request);
        RotateBody body = request.optionalBody(RotateBody.class);
        SignatureAlgorithm alg = body.alg() == null ? null : algorithm(body.alg());
        Duration overlap = body.overlap() == null ? Duration.ofHours(24) : ApiValues.duration("overlap", body.overlap());
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ApiException.badRequest("overlap must be from 0 to 30 days");
        }
        if (registry.loadSite(id).isEmpty()) {
            throw noSuchSite(id);
        }
        SiteEnrollment.Rotated rotated;
        try {
            rotated = enrollment.rotate(id, alg, overlap);
        } catch (IllegalStateException e) {
            throw noSuchSite(id);
        } catch (KeyRegistryException e) {
            throw permanentOrRetry(e, "the key could not be rotated: " + e.getMessage());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kid", rotated.kid());
        details.put("alg", rotated.alg().joseName());
        details.put("retiring_kids", rotated.retiringKids());
        details.put("retiring_until", rotated.retiringUntil().toString());
        audit.record(ApiAudit.entry(AuditKind.KEY_ROTATED, request, details).site(id));
        return Reply.ok(new Rotated(id, rotated.kid(), rotated.alg().joseName(), rotated.retiringKids(),
                rotated.retiringUntil(), bundle(rotated.bundle())));
    }

    private static Reply revoke(KeyRegistry registry, SiteEnrollment enrollment, ApiAudit audit, ApiRequest request) {
        request.allowQuery();
        String id = siteId(request);
        String kid = request.pathParam("kid");
        String reason = ApiText.require("reason", request.body(ReasonBody.class).reason(), 1, MAX_REASON);
        if (!KID.matcher(kid).matches()) {
            throw ApiException.notFound("site " + id + " has no key " + kid);
        }
        boolean revoked;
        try {
            revoked = enrollment.revoke(id, kid, reason);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!revoked) {
            KeyRegistry.SiteWithKeys site = registry.loadSite(id).orElseThrow(() -> noSuchSite(id));
            boolean revokedBefore = site.keys().stream().anyMatch(k -> k.kid().equals(kid) && k.revokedAt() != null);
            throw revokedBefore ? ApiException.conflict("key " + kid + " is revoked already")
                    : ApiException.notFound("site " + id + " has no key " + kid);
        }
        audit.record(ApiAudit.entry(AuditKind.KEY_REVOKED, request, Map.of("kid", kid)).site(id).reason(reason));
        KeyRegistry.SiteWithKeys site = registry.loadSite(id).orElseThrow(() -> noSuchSite(id));
        Instant now = Instant.now();
        return Reply.ok(site.keys().stream().filter(k -> k.kid().equals(kid)).findFirst().map(k -> key(k, now))
                .orElseThrow(() -> noSuchSite(id)));
    }

    private static SignatureAlgorithm algorithm(String alg) {
        try {
            return SignatureAlgorithm.parse(alg);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("alg must be EdDSA or ES256");
        }
    }

    /** The path's site id; 404 when it cannot be one. */
    static String siteId(ApiRequest request) {
        String id = request.pathParam("id");
        if (!DevPki.SITE_ID.matcher(id).matches()) {
            throw noSuchSite(id);
        }
        return id;
    }

    private static ApiException noSuchSite(String id) {
        return ApiException.notFound("no site " + id);
    }

    private static RuntimeException permanentOrRetry(KeyRegistryException e, String conflict) {
        return e.retriable() ? e : ApiException.conflict(conflict);
    }

    private static Bundle bundle(java.nio.file.Path path) {
        return new Bundle("server-folder", path.toAbsolutePath().toString());
    }

    private static Site site(KeyRegistry.SiteWithKeys s, Instant now) {
        return new Site(s.site().id(), s.site().name(), s.site().createdAt(), s.site().disabledAt(),
                s.keys().stream().sorted(java.util.Comparator.comparing(SiteKeyRecord::notBefore)
                        .thenComparing(SiteKeyRecord::kid)).map(k -> key(k, now)).toList());
    }

    private static Key key(SiteKeyRecord k, Instant now) {
        return new Key(k.kid(), k.alg().joseName(), k.statusAt(now).name().toLowerCase(Locale.ROOT), k.notBefore(),
                k.notAfter(), k.revokedAt(), k.revokeReason(), k.createdAt());
    }
}
