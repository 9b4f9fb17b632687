package dev.docent.opensearch.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Who the nodes run as. OpenSearch refuses to start as root, and CI runs as root: then the nodes
 * run as the system user {@value #NAME} (no home, no login shell; created here if missing, with
 * {@code useradd}), launched through {@code setpriv} with that user's ids and no supplementary
 * groups, in folders it owns. Any other user runs the nodes as itself.
 */
final class NodeUser {

    static final String NAME = "docent-os";

    private final boolean switchUser;

    private NodeUser(boolean switchUser) {
        this.switchUser = switchUser;
    }

    static NodeUser forThisProcess() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) return new NodeUser(false);
        if (run(List.of("id", "-u", NAME)) != 0) {
            int rc = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME));
            if (rc != 0 && run(List.of("id", "-u", NAME)) != 0) {
                throw new IllegalStateException("running as root, and the user " + NAME + " the nodes must run as could not be"
                        + " created (useradd exited " + rc + ")");
            }
        }
        return new NodeUser(true);
    }

    /** The command line that runs {@code command} as this user. */
    List<String> command(List<String> command) {
        List<String> out = new ArrayList<>();
        if (switchUser) out.addAll(List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME, "--clear-groups", "--"));
        out.addAll(command);
        return out;
    }

    /** Makes {@code dir} and everything in it this user's. */
    void giveTo(Path dir) throws IOException {
        if (!switchUser) return;
        if (run(List.of("chown", "-R", NAME + ":" + NAME, dir.toString())) != 0) {
            throw new IllegalStateException("chown of " + dir + " to " + NAME + " failed");
        }
    }

    String describe() {
        return switchUser ? NAME + " (the tests run as root)" : System.getProperty("user.name");
    }

    private static int run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(1, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
