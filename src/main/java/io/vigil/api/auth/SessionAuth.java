package io.vigil.api.auth;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Console sessions as the API sees them (docs/console.md, "Sessions"): a session cookie stands for an
 * operator account's principal, whose {@code tokenId} is the session's id ({@code ses_...}).
 * State-changing calls made with a session must also show its CSRF token.
 */
public interface SessionAuth {

    /** The cookie's name; {@code __Host-} makes browsers insist on Secure, Path=/ and no Domain. */
    String COOKIE = "__Host-vigil-session";
    /** The request header that carries the session's CSRF token. */
    String CSRF_HEADER = "X-CSRF-Token";

    record Session(Principal principal, String csrfToken) {}

    /** The live session of this cookie secret (and marks it used now), if any. */
    Optional<Session> authenticate(String secret) throws SQLException;

    /** Of these session ids, the ones still live (not ended, idle or expired, account enabled). */
    Set<String> stillValid(Collection<String> sessionIds) throws SQLException;

    /** Whether the presented CSRF token is the session's (constant time: the token is a secret). */
    static boolean csrfMatches(String presented, String expected) {
        return presented != null && expected != null && java.security.MessageDigest.isEqual(
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static boolean isSessionId(String id) {
        return id != null && id.startsWith("ses_");
    }
}
