package dev.docent.llm.remote;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decides whether Docent may connect to a configured endpoint. Documents and questions go to it,
 * so by default only this machine qualifies: the host is resolved now and every address it has
 * must be a loopback one. Over plain http the connection is then made to that resolved address, so
 * a name cannot later resolve elsewhere (https keeps the name, which its certificate is checked against).
 */
public final class EndpointPolicy {

    private EndpointPolicy() {}

    /**
     * The URL to connect to: {@code endpoint} itself, or with its host replaced by the loopback
     * address it resolved to.
     *
     * @throws IllegalArgumentException for a malformed URL, an unknown host, or a host off this
     *     machine while {@code allowRemote} is false; the message says what to change
     */
    public static URI check(URI endpoint, boolean allowRemote) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("llm.endpoint must be an http:// or https:// URL such as"
                    + " http://127.0.0.1:11434/v1, got '" + endpoint + "'");
        }
        if (allowRemote) return endpoint;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(endpoint.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("llm.endpoint " + endpoint + ": unknown host '" + endpoint.getHost() + "'");
        }
        var outside = Arrays.stream(addresses).filter(a -> !a.isLoopbackAddress()).toList();
        if (!outside.isEmpty()) {
            throw new IllegalArgumentException("llm.endpoint " + endpoint + " is not on this machine ("
                    + outside.getFirst().getHostAddress() + "): Docent sends your documents and questions to it, so it"
                    + " connects only to loopback addresses (127.0.0.1, ::1). Run the model server here, or set"
                    + " llm.allow_remote_endpoint = true if you trust that host and the network to it.");
        }
        if (scheme.equals("https")) return endpoint; // TLS checks the certificate against the name: keep it
        InetAddress pinned = Arrays.stream(addresses).filter(a -> a.getAddress().length == 4).findFirst().orElse(addresses[0]);
        String host = pinned.getAddress().length == 4 ? pinned.getHostAddress() : "[" + pinned.getHostAddress() + "]";
        return URI.create(scheme + "://" + host + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath()));
    }
}
