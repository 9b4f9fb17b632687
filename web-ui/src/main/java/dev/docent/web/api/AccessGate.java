package dev.docent.web.api;

import dev.docent.assistant.DocentConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Who may use this Docent. Every request must pass the Host/Origin checks of {@link LocalOnly}
 * (this machine, no foreign page). By default it must also prove it comes from the owner, since
 * any account on this machine can reach 127.0.0.1: {@code Authorization: Bearer TOKEN}, TOKEN being
 * the content of {@code DATA/api-token} (mode 600), or the page's session cookie, got through a
 * one-time login link ({@link Sessions}, {@link Login}); {@code server.require_token = false} drops
 * that proof. With a remote token ({@code serve --listen ADDR --token-file FILE}), requests from
 * other machines, to any route ({@code /mcp} and {@code /v1} included), need that token as Bearer.
 */
public final class AccessGate {

    /** A refused request: its status and what the client is told. */
    record Refusal(int status, String message) {}

    private final byte[] localToken;
    private final Path localTokenFile;
    private final byte[] remoteToken;
    private final Sessions sessions = new Sessions();

    private AccessGate(String localToken, Path localTokenFile, String remoteToken) {
        if (remoteToken != null && remoteToken.length() < 16) throw new IllegalArgumentException("an access token needs at least 16 characters");
        if (localToken != null && localToken.length() < 16) throw new IllegalArgumentException("an access token needs at least 16 characters");
        this.localToken = bytes(localToken);
        this.localTokenFile = localTokenFile;
        this.remoteToken = bytes(remoteToken);
    }

    /** This machine only, no token (what {@code server.require_token = false} gives). */
    public static AccessGate loopbackOnly() {
        return new AccessGate(null, null, null);
    }

    /** Remote clients with {@code token}; this machine without. */
    public static AccessGate withToken(String token) {
        return new AccessGate(null, null, token);
    }

    /** This machine with {@code localToken} (kept in {@code tokenFile}, named in refusals); remote clients with {@code remoteToken}, if not null. */
    public static AccessGate of(String localToken, Path tokenFile, String remoteToken) {
        return new AccessGate(localToken, tokenFile, remoteToken);
    }

    /**
     * As the settings say: with {@code server.require_token} (the default), the token of
     * {@code DATA/api-token}, made if missing (problems with the file reported to {@code warnings});
     * remote clients with {@code remoteToken}, if not null.
     */
    public static AccessGate forConfig(DocentConfig config, String remoteToken, PrintStream warnings) {
        if (!config.requireToken()) return new AccessGate(null, null, remoteToken);
        Path file = config.dataDir().resolve(TokenFile.NAME);
        return new AccessGate(TokenFile.ensure(file, warnings, true).value(), file, remoteToken);
    }

    /** Whether requests from this machine need the owner's proof. */
    public boolean requiresToken() {
        return localToken != null;
    }

    /** The file holding this machine's token, or null when none is required. */
    public Path tokenFile() {
        return localTokenFile;
    }

    /** A one-time code for the login link {@code http://127.0.0.1:PORT/?login=CODE}; null when no token is required. */
    public String newLoginCode() {
        return localToken == null ? null : sessions.newCode();
    }

    Sessions sessions() {
        return sessions;
    }

    /** A new session when {@code token} is this machine's token (the login form); null otherwise. */
    String sessionForToken(String token) {
        return localToken != null && matches(localToken, token) ? sessions.newSession() : null;
    }

    /** The Host/Origin refusal of a request from this machine, or null. */
    static String localRefusal(HttpServletRequest req) {
        return LocalOnly.refusal(req.getHeader("Host"), req.getHeader("Origin"), req.getLocalPort());
    }

    Refusal check(HttpServletRequest req) {
        String host = req.getHeader("Host");
        String origin = req.getHeader("Origin");
        String local = localRefusal(req);
        String given = bearer(req);
        if (remoteToken == null || (isLoopback(req.getRemoteAddr()) && local == null)) {
            // From this machine, addressed to loopback (or no remote clients at all).
            if (local != null) return new Refusal(403, local);
            if (localToken == null || matches(localToken, given) || matches(remoteToken, given)
                    || sessions.valid(cookie(req, Sessions.cookieName(req.getLocalPort())))) {
                return null;
            }
            return new Refusal(401, "this Docent answers only its owner: send the header Authorization: Bearer TOKEN, "
                    + "TOKEN being the content of " + localTokenFile + " (readable by you only), e.g. curl -H "
                    + "\"Authorization: Bearer $(cat " + localTokenFile + ")\" ...; in a browser, open the login link "
                    + "docent serve printed (server.require_token = false turns this off)");
        }
        // From another machine, or from this one by another name (say, its LAN address): the remote token decides.
        if (!matches(remoteToken, given) && !matches(localToken, given)) {
            return new Refusal(401, "this Docent serves other machines only with its access token: send the header "
                    + "Authorization: Bearer TOKEN (the token is in the file given to serve --token-file)");
        }
        // A browser page elsewhere cannot know the token, but keep pages from mixing origins all the same.
        if (origin != null && (host == null || !origin.replaceFirst("^https?://", "").equalsIgnoreCase(host))) {
            return new Refusal(403, "cross-origin requests are not allowed (Origin: " + origin + ")");
        }
        return null;
    }

    private static String bearer(HttpServletRequest req) {
        String auth = req.getHeader("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
    }

    private static String cookie(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) return null;
        for (Cookie c : cookies) if (c.getName().equals(name)) return c.getValue();
        return null;
    }

    private static boolean matches(byte[] token, String given) {
        return token != null && given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String token) {
        return token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.ofLiteral(address.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
