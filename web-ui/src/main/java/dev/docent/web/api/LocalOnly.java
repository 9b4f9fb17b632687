package dev.docent.web.api;

import java.util.Set;

/**
 * Defence against DNS rebinding and cross-site requests: the server binds to 127.0.0.1, but a
 * browser visiting a hostile page can still send requests there. Those carry the hostile page's
 * Origin, or (after DNS rebinding) a foreign Host header; both are refused with 403.
 */
final class LocalOnly {

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private LocalOnly() {}

    /** Why a request with these headers, arriving on {@code port}, is refused; null when it is not. */
    static String refusal(String host, String origin, int port) {
        if (host == null || !isLoopback(host, port)) {
            return "requests must be addressed to 127.0.0.1:" + port + " or localhost:" + port;
        }
        if (origin != null && !origin.equals("null")) {
            String authority = origin.replaceFirst("^https?://", "");
            if (authority.equals(origin) || !isLoopback(authority, port)) {
                return "cross-origin requests are not allowed (Origin: " + origin + ")";
            }
        } else if (origin != null) {
            return "requests from sandboxed or file:// pages are not allowed";
        }
        return null;
    }

    private static boolean isLoopback(String authority, int port) {
        int colon = authority.lastIndexOf(':');
        String name = authority;
        String p = null;
        if (colon > 0 && !authority.endsWith("]")) {
            name = authority.substring(0, colon);
            p = authority.substring(colon + 1);
        }
        return LOOPBACK_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT))
                && (p == null ? port == 80 : p.equals(String.valueOf(port)));
    }
}
