package dev.docent.web.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How a browser proves it is the owner's (when a token is required, {@link AccessGate}): the
 * one-time link {@code serve} prints, {@code /?login=CODE}, sets the session cookie (HttpOnly,
 * SameSite=Strict) and redirects to the same address without the code, which is then spent; or
 * the token pasted into the form of the sign-in page ({@code POST /login}), which an unauthenticated
 * visit to the page gets instead of the page.
 */
final class Login {

    private Login() {}

    /** Handles a login request (true: answered, nothing else runs), after the Host/Origin checks. */
    static boolean handle(Context ctx, AccessGate gate) {
        if (!gate.requiresToken()) return false;
        String code = ctx.queryParam("login");
        boolean form = ctx.method() == HandlerType.POST && ctx.path().equals("/login");
        if (!form && (code == null || ctx.method() != HandlerType.GET)) return false;
        if (AccessGate.localRefusal(ctx.req()) != null) return false; // the gate refuses it next
        String session = form ? gate.sessionForToken(ctx.formParam("token")) : gate.sessions().redeem(code);
        if (session == null) {
            page(ctx, gate, form ? "That is not this Docent's access token." : "This login link was used already or is not "
                    + "this Docent's (each link works once; a restarted serve prints a new one).");
        } else {
            ctx.header("Set-Cookie", Sessions.cookieName(ctx.req().getLocalPort()) + "=" + session
                    + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(form ? "/" : withoutCode(ctx), HttpStatus.SEE_OTHER);
        }
        ctx.skipRemainingHandlers();
        return true;
    }

    /** Whether a refused request is a visit to the page itself (it gets the sign-in page, not JSON). */
    static boolean isPageVisit(Context ctx) {
        return ctx.method() == HandlerType.GET && (ctx.path().equals("/") || ctx.path().equals("/index.html"));
    }

    /** The sign-in page, with {@code message}, as a 401. */
    static void page(Context ctx, AccessGate gate, String message) {
        String file = gate.tokenFile() == null ? "DATA/api-token" : gate.tokenFile().toString();
        ctx.status(401).contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Docent: sign in</title></head>
                <body><main id="login">
                <h1>Docent</h1>
                <p>%s</p>
                <p>Open the login link <code>./docent serve</code> printed, or paste the access token from
                <code>%s</code> (readable by you only):</p>
                <form method="post" action="/login">
                <input name="token" type="password" autocomplete="off" size="48" aria-label="access token" autofocus>
                <button type="submit">Sign in</button>
                </form>
                </main></body></html>
                """.formatted(escape(message), escape(file)));
    }

    /** The same path and query without {@code login}; never another site. */
    private static String withoutCode(Context ctx) {
        String path = ctx.path().startsWith("/") && !ctx.path().startsWith("//") ? ctx.path() : "/";
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals("login")) continue;
            for (String v : e.getValue()) {
                query.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
