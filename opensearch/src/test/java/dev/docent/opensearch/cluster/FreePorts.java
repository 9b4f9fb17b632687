package dev.docent.opensearch.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports free right now: a run beside another (another worktree's, CI's) must not collide. */
final class FreePorts {

    private FreePorts() {}

    static int[] take(int n) {
        ServerSocket[] held = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            // Held open together so the n ports differ; closed just before the nodes bind them.
            for (int i = 0; i < n; i++) {
                held[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = held[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    if (s != null) s.close();
                } catch (IOException ignored) {
                    // closing a listening socket that never accepted
                }
            }
        }
    }
}
