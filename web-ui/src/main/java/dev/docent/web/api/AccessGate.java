package dev.docent.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may use this Docent. Without an access token (the default), only this machine: the
 * Host/Origin checks of {@link LocalOnly}. With one ({@code serve --listen ADDR --token-file FILE}),
 * requests from this machine addressed to loopback stay token-free, and every other request, to any
 * route ({@code /mcp} and {@code /v1} included), needs {@code Authorization: Bearer TOKEN}.
 */
public final class AccessGate {

    /** A refused request: its status and what the client is told. */
    record Refusal(int status, String message) {}

    private final byte[] token;

    private AccessGate(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** This machine only, no token. */
    public static AccessGate loopbackOnly() {
        return new AccessGate(null);
    }

    /** Remote clients with {@code token}; this machine without. */
    public static AccessGate withToken(String token) {
        if (token == null || token.length() < 16) throw new IllegalArgumentException("an access token needs at least 16 characters");
        return new AccessGate(token);
    }

    Refusal check(HttpServletRequest req) {
        String host = req.getHeader("Host");
        String origin = req.getHeader("Origin");
        int port = req.getLocalPort();
        if (token == null || isLoopback(req.getRemoteAddr())) {
            String local = LocalOnly.refusal(host, origin, port);
            if (local == null) return null;
            if (token == null) return new Refusal(403, local);
            // From this machine but addressed by another name (say, its LAN address): the token decides.
        }
        String auth = req.getHeader("Authorization");
        String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return new Refusal(401, "this Docent serves other machines only with its access token: send the header "
                    + "Authorization: Bearer TOKEN (the token is in the file given to serve --token-file)");
        }
        // A browser page elsewhere cannot know the token, but keep pages from mixing origins all the same.
        if (origin != null && (host == null || !origin.replaceFirst("^https?://", "").equalsIgnoreCase(host))) {
            return new Refusal(403, "cross-origin requests are not allowed (Origin: " + origin + ")");
        }
        return null;
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.ofLiteral(address.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
