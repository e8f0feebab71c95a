package io.vigil.api.routes;

import static io.vigil.api.auth.Permission.TOKEN_ADMIN;

import io.vigil.api.ApiAudit;
import io.vigil.api.ApiException;
import io.vigil.api.ApiRequest;
import io.vigil.api.ApiText;
import io.vigil.api.ApiValues;
import io.vigil.api.Reply;
import io.vigil.api.Route;
import io.vigil.api.auth.ApiTokens;
import io.vigil.api.auth.Principal;
import io.vigil.api.auth.Role;
import io.vigil.api.auth.TokenRecord;
import io.vigil.audit.AuditKind;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API tokens, for administrators. A new token's secret is in the 201 answer and nowhere else: it is
 * not stored (only its SHA-256), not logged, not audited; lost means revoke and create another.
 */
public final class TokenRoutes {

    public record CreateBody(String principal, String role, String description, String ttl) {}

    public record ReasonBody(String reason) {}

    /** A token as listed: everything but the secret and its hash. */
    public record Token(String id, String principal, String role, String description, String status,
                       Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy,
                       String revokeReason) {}

    public record Tokens(List<Token> tokens) {}

    /** The answer to a creation: the secret {@code token}, shown this once, and the token's row. */
    public record Created(String token, Token details) {}

    private TokenRoutes() {}

    public static List<Route> routes(ApiTokens tokens, ApiAudit audit, Duration defaultTtl, Duration maxTtl) {
        return List.of(
                Route.get("/api/tokens", TOKEN_ADMIN, request -> {
                    request.allowQuery();
                    Instant now = Instant.now();
                    return Reply.ok(new Tokens(tokens.list().stream().map(t -> token(t, now)).toList()));
                }),
                Route.post("/api/tokens", TOKEN_ADMIN, request -> create(tokens, audit, defaultTtl, maxTtl, request)),
                Route.post("/api/tokens/{id}:revoke", TOKEN_ADMIN, request -> revoke(tokens, audit, request)));
    }

    private static Reply create(ApiTokens tokens, ApiAudit audit, Duration defaultTtl, Duration maxTtl,
                                ApiRequest request) throws Exception {
        request.allowQuery();
        CreateBody body = request.body(CreateBody.class);
        if (body.principal() == null || !Principal.NAME.matcher(body.principal()).matches()) {
            throw ApiException.badRequest("principal is 1-64 characters of letters, digits, '.', '_', '@' or '-',"
                    + " starting with a letter or digit");
        }
        Role role;
        try {
            role = Role.parse(body.role());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String description = ApiText.require("description", body.description() == null ? "" : body.description(), 0,
                ApiTokens.MAX_DESCRIPTION);
        Duration ttl = body.ttl() == null ? defaultTtl : ApiValues.duration("ttl", body.ttl());
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxTtl) > 0) {
            throw ApiException.badRequest("ttl must be positive and at most " + maxTtl.toDays() + " days");
        }
        ApiTokens.Issued issued = tokens.create(body.principal(), role, description, ttl, request.principal().name());
        TokenRecord created = issued.record();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("created_token", created.id());
        details.put("principal", created.principal());
        details.put("granted_role", created.role().wireName());
        details.put("expires_at", created.expiresAt().toString());
        details.put("description", created.description());
        audit.record(ApiAudit.entry(AuditKind.TOKEN_CREATED, request, details));
        return Reply.created(new Created(issued.token(), token(created, Instant.now())));
    }

    private static Reply revoke(ApiTokens tokens, ApiAudit audit, ApiRequest request) throws Exception {
        request.allowQuery();
        String id = request.pathParam("id");
        String reason = ApiText.require("reason", request.body(ReasonBody.class).reason(), 1, ApiTokens.MAX_REASON);
        ApiTokens.Revocation revocation = tokens.revoke(id, request.principal().name(), reason);
        if (revocation instanceof ApiTokens.Revocation.NotFound) {
            throw ApiException.notFound("no token " + id);
        }
        if (revocation instanceof ApiTokens.Revocation.AlreadyRevoked) {
            throw ApiException.conflict("token " + id + " is revoked already");
        }
        TokenRecord revoked = ((ApiTokens.Revocation.Revoked) revocation).token();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("revoked_token", revoked.id());
        details.put("principal", revoked.principal());
        audit.record(ApiAudit.entry(AuditKind.TOKEN_REVOKED, request, details).reason(reason));
        return Reply.ok(token(revoked, Instant.now()));
    }

    public static Token token(TokenRecord t, Instant now) {
        return new Token(t.id(), t.principal(), t.role().wireName(), t.description(),
                t.statusAt(now).name().toLowerCase(Locale.ROOT), t.createdAt(), t.createdBy(), t.expiresAt(),
                t.revokedAt(), t.revokedBy(), t.revokeReason());
    }
}
