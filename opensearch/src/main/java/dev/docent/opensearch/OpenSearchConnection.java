package dev.docent.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The one way to the cluster: the official client's transport (it spreads requests over the hosts
 * and sets a host that fails aside for a while) and its generic client, which sends the JSON this
 * module builds. Every call has a timeout; one that fails for a reason a retry can cure (no host
 * answered, 429 too many requests, 502/503/504) is retried with exponential backoff, so a node that
 * dies or restarts costs a search latency, not an error. Other errors are thrown at once, with the
 * cluster's own reason.
 */
public final class OpenSearchConnection implements AutoCloseable {

    /** Decimals read exactly: a stored vector must come back as the very floats written. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ApacheHttpClient5Transport transport;
    private final OpenSearchGenericClient client;
    private final String hosts;
    private final int retries;
    private final Duration firstBackoff;

    /**
     * @param hosts the cluster's HTTP addresses, e.g. {@code http://127.0.0.1:9200}
     * @param credentials {@code user:password} for HTTP basic authentication, or null for none
     * @param timeout how long one request may take (connect and answer), each try
     * @param retries how many times a request is tried again after a failure a retry can cure
     */
    public OpenSearchConnection(List<URI> hosts, String credentials, Duration timeout, int retries) {
        if (hosts.isEmpty()) throw new IllegalArgumentException("no OpenSearch host given");
        HttpHost[] http = hosts.stream().map(u -> new HttpHost(u.getScheme(), u.getHost(), u.getPort())).toArray(HttpHost[]::new);
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(http)
                .setRequestConfigCallback(r -> r.setResponseTimeout(Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS))
                        .setConnectionRequestTimeout(Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS)))
                .setConnectionConfigCallback(c -> c.setConnectTimeout(Timeout.of(Math.min(timeout.toMillis(), 5_000), TimeUnit.MILLISECONDS)));
        if (credentials != null) {
            String basic = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + basic)});
        }
        this.transport = builder.build();
        this.client = new OpenSearchGenericClient(transport);
        this.hosts = hosts.toString();
        this.retries = retries;
        this.firstBackoff = Duration.ofMillis(100);
    }

    /** The cluster at {@code hosts} with the default timeout (30 s) and retries (5: ~3 s of backoff in all). */
    public static OpenSearchConnection to(List<URI> hosts, String credentials) {
        return new OpenSearchConnection(hosts, credentials, Duration.ofSeconds(30), 5);
    }

    /**
     * The cluster's health ("green", "yellow" or "red"): a cheap request for a status page.
     *
     * @throws OpenSearchUnavailable when no node answered
     */
    public String health() {
        return call("GET", "/_cluster/health", Map.of("timeout", "2s"), null).path("status").asText("unknown");
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** Sends {@code body} (JSON, or null) and returns the answer's JSON; throws {@link OpenSearchFailure} on an error status. */
    JsonNode call(String method, String endpoint, Map<String, String> params, Object body) {
        return call(method, endpoint, params, body == null ? null : toJson(body), "application/json");
    }

    /** Sends newline-delimited JSON (bulk, multi-search). */
    JsonNode callNdjson(String endpoint, Map<String, String> params, String ndjson) {
        return call("POST", endpoint, params, ndjson, "application/x-ndjson");
    }

    /** As {@link #call}, but null when the answer is 404 (a missing document or index). */
    JsonNode callOrNull(String method, String endpoint, Map<String, String> params, Object body) {
        try {
            return call(method, endpoint, params, body);
        } catch (OpenSearchFailure e) {
            if (e.status() == 404) return null;
            throw e;
        }
    }

    private JsonNode call(String method, String endpoint, Map<String, String> params, String body, String contentType) {
        IOException lastIo = null;
        OpenSearchFailure lastFailure = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) backoff(attempt);
            var request = Requests.builder().method(method).endpoint(endpoint)
                    .query(params == null ? Map.of() : new LinkedHashMap<>(params));
            if (body != null) request.body(Body.from(body.getBytes(StandardCharsets.UTF_8), contentType));
            try (Response response = client.execute(request.build())) {
                int status = response.getStatus();
                String text = response.getBody().map(Body::bodyAsString).orElse("");
                if (status >= 200 && status < 300) {
                    JsonNode answer = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
                    String partial = partialSearch(endpoint, answer);
                    if (partial == null) return answer;
                    // A shard copy failed mid-search (its node died): the answer is incomplete, try again.
                    lastFailure = new OpenSearchFailure(503, method + " " + endpoint + ": " + partial);
                    continue;
                }
                OpenSearchFailure failure = new OpenSearchFailure(status, method + " " + endpoint + ": " + status + " " + reason(text));
                if (status != 429 && status != 502 && status != 503 && status != 504) throw failure;
                lastFailure = failure;
            } catch (IOException e) {
                lastIo = e; // no host answered within the timeout, or the connection broke
            }
        }
        if (lastFailure != null) throw lastFailure;
        throw new OpenSearchUnavailable("OpenSearch at " + hosts + " did not answer " + method + " " + endpoint + " after "
                + (retries + 1) + " tries: " + lastIo, lastIo);
    }

    /** Why a search's answer is incomplete (some shards failed), or null when it is whole. */
    private static String partialSearch(String endpoint, JsonNode answer) {
        if (!endpoint.endsWith("_search") && !endpoint.endsWith("_msearch")) return null;
        List<JsonNode> parts = new java.util.ArrayList<>();
        if (answer.has("responses")) answer.path("responses").forEach(parts::add);
        else parts.add(answer);
        for (JsonNode part : parts) {
            JsonNode shards = part.path("_shards");
            if (shards.path("failed").asInt() > 0) {
                return shards.path("failed").asInt() + " of " + shards.path("total").asInt() + " shards failed: "
                        + shards.path("failures").path(0).path("reason");
            }
        }
        return null;
    }

    private void backoff(int attempt) {
        long ms = firstBackoff.toMillis() << Math.min(attempt - 1, 6);
        try {
            Thread.sleep(ms + (long) (Math.random() * ms / 2)); // jitter: writers that failed together retry apart
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenSearchUnavailable("interrupted while waiting to retry", e);
        }
    }

    /** The cluster's own reason, from its error JSON, or the start of the text. */
    private static String reason(String text) {
        try {
            JsonNode error = JSON.readTree(text).path("error");
            if (error.has("root_cause") && error.path("root_cause").size() > 0) {
                JsonNode root = error.path("root_cause").get(0);
                return root.path("type").asText() + ": " + root.path("reason").asText();
            }
            if (error.isObject()) return error.path("type").asText() + ": " + error.path("reason").asText();
        } catch (IOException | RuntimeException ignored) {
            // not JSON: show it as it came
        }
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    static String toJson(Object body) {
        if (body instanceof String s) return s;
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException ignored) {
            // closing connections to a cluster that may be gone
        }
    }
}
