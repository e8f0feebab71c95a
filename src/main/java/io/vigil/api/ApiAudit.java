package io.vigil.api;

import io.vigil.api.auth.Principal;
import io.vigil.audit.Actor;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditLog;
import io.vigil.support.LogSafe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the audit row of an API call and waits until it is durable, so that a 2xx answer means
 * "done and audited". The actor is the calling principal (an operator); the details name the token,
 * its role and the request id, which is also the row's dedup key.
 */
public final class ApiAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAudit.class);

    private final AuditLog log;
    private final Duration timeout;

    public ApiAudit(AuditLog log, Duration timeout) {
        this.log = log;
        this.timeout = timeout;
    }

    /** An entry of {@code kind} by the caller of {@code request}, with the caller's token in the details. */
    public static AuditEntry entry(String kind, ApiRequest request, Map<String, ?> details) {
        return entry(kind, request.principal(), request.requestId(), details);
    }

    public static AuditEntry entry(String kind, Principal principal, String requestId, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("token_id", principal.tokenId());
        all.put("role", principal.role().wireName());
        all.put("request_id", requestId);
        return AuditEntry.of(kind, Actor.operator(principal.name())).details(all).dedupKey("api:" + requestId);
    }

    /**
     * Appends and waits. The act itself has happened already, so a failure here is reported as
     * 500 {@code audit-unconfirmed} (and logged at ERROR with the entry), never as "not done".
     */
    public void record(AuditEntry entry) {
        try {
            log.append(entry).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unconfirmed(entry, e);
        } catch (ExecutionException | TimeoutException e) {
            throw unconfirmed(entry, e);
        }
    }

    /** Appends and waits, but only logs a failure (for refused attempts: the refusal stands anyway). */
    public void recordQuietly(AuditEntry entry) {
        try {
            log.append(entry).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("audit entry {} by {} not confirmed: {}", entry.kind(), LogSafe.quote(entry.actor().id()),
                    LogSafe.quote(String.valueOf(e.getMessage())));
        }
    }

    private static ApiException unconfirmed(AuditEntry entry, Exception e) {
        LOG.error("API act done but its audit entry is not confirmed: kind={} actor={} site={} incident={} reason={}"
                        + " details={}: {}", entry.kind(), LogSafe.quote(entry.actor().id()), LogSafe.quote(entry.siteId()),
                LogSafe.quote(entry.incidentId()), LogSafe.quote(entry.reason()), LogSafe.quote(entry.details()),
                LogSafe.quote(String.valueOf(e.getMessage())));
        return new ApiException(Problem.auditUnconfirmed("the change was made, but its audit entry could not be"
                + " confirmed; the server logged it for the administrator"));
    }
}
