/**
 * The HTTP surface: {@link dev.docent.web.api.DocentApp#create} declares every route once, for
 * {@code serve} and for the tests. Requests are validated before any work
 * ({@link dev.docent.web.api.AskRequest}); every failure becomes {@code {"error": "..."}} with a
 * 4xx/5xx status in one place; {@link dev.docent.web.api.LocalOnly} rejects requests whose Host
 * or Origin is not this machine's loopback, so a web page cannot drive the API, and
 * {@link dev.docent.web.api.AccessGate} admits only the owner (the token of {@code DATA/api-token},
 * {@link dev.docent.web.api.TokenFile}, or the page's session from a one-time login link).
 */
package dev.docent.web.api;
