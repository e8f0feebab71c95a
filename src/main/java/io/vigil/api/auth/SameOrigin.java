package io.vigil.api.auth;

/**
 * Whether a browser's request comes from a page of this server (docs/console.md, "Cross-site
 * requests"): {@code Sec-Fetch-Site}, when the browser sends it, must be {@code same-origin} (or
 * {@code none}: typed by the user), and {@code Origin}, when sent, must be this server's own
 * scheme and host. Absent headers are not a refusal by themselves (older browsers, tools); the
 * session's CSRF token is required anyway.
 */
public final class SameOrigin {

    private SameOrigin() {}

    public static boolean allowed(String scheme, String host, String origin, String secFetchSite) {
        if (secFetchSite != null && !secFetchSite.equals("same-origin") && !secFetchSite.equals("none")) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        return host != null && origin.equals(scheme + "://" + host);
    }
}
