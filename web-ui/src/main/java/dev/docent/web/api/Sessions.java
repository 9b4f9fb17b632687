package dev.docent.web.api;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's way in when a token is required: a one-time login code (in the link {@code serve}
 * prints, {@code /?login=CODE}) is exchanged once for a session, kept by the browser as an
 * HttpOnly, SameSite=Strict cookie. Both live in memory only: a restart asks for a new link.
 */
final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> codes = ConcurrentHashMap.newKeySet();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    /** A new one-time login code. */
    String newCode() {
        String code = random();
        codes.add(code);
        return code;
    }

    /** A new session for a valid, unused {@code code} (which is then spent); null otherwise. */
    String redeem(String code) {
        return code != null && codes.remove(code) ? newSession() : null;
    }

    String newSession() {
        String session = random();
        sessions.add(session);
        return session;
    }

    boolean valid(String session) {
        return session != null && sessions.contains(session);
    }

    /** Cookies are shared by every port of a host, so the name carries the port: two Docents keep theirs apart. */
    static String cookieName(int port) {
        return "docent_session_" + port;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
