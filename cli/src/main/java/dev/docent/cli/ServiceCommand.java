package dev.docent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code service install|status|uninstall}: a per-user service that runs {@code serve} at login
 * and restarts it after a failure, a systemd user unit on Linux and a launchd agent on macOS.
 * Never as root: a root service would index as root and write root-owned data. Installing again
 * rewrites the same file (and restarts the service only if the file changed).
 */
public final class ServiceCommand implements Command {

    /** Runs a service manager's command (systemctl, launchctl); returns its exit code, -1 if it cannot run. */
    interface Runner {
        int run(List<String> command);
    }

    private final Path home;
    private final boolean mac;
    private final boolean root;
    private final Runner runner;
    private final PrintStream out;

    public ServiceCommand() {
        this(Path.of(System.getProperty("user.home")),
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac"),
                "0".equals(userId()), ServiceCommand::runQuietly, System.out);
    }

    ServiceCommand(Path home, boolean mac, boolean root, Runner runner, PrintStream out) {
        this.home = home;
        this.mac = mac;
        this.root = root;
        this.runner = runner;
        this.out = out;
    }

    @Override
    public String usage() {
        return """
                Usage: docent service install [--data DIR] [--port N] FOLDER...
                       docent service status
                       docent service uninstall

                Runs `docent serve` in the background for you: started at login, restarted if it fails,
                never as root. Linux: a systemd user unit (~/.config/systemd/user/docent.service);
                macOS: a launchd agent (~/Library/LaunchAgents/dev.docent.serve.plist). Its output goes
                to DATA/logs/service.log beside Docent's own log. Installing again replaces the settings.
                  --data DIR   the data directory the service uses (default: per-user data directory)
                  --port N     the port it serves on (default 8080)
                """;
    }

    @Override
    public int run(String[] argv) {
        if (argv.length == 0) throw new UsageException("say install, status or uninstall");
        String[] rest = java.util.Arrays.copyOfRange(argv, 1, argv.length);
        return switch (argv[0]) {
            case "install" -> install(rest);
            case "status" -> status(Args.parse(rest, Set.of(), Set.of()));
            case "uninstall" -> uninstall(Args.parse(rest, Set.of(), Set.of()));
            default -> throw new UsageException("unknown service action '" + argv[0] + "' (install, status, uninstall)");
        };
    }

    Path serviceFile() {
        return mac ? home.resolve("Library/LaunchAgents/" + ServiceFiles.LAUNCHD_LABEL + ".plist")
                : home.resolve(".config/systemd/user/" + ServiceFiles.SYSTEMD_NAME);
    }

    private int install(String[] argv) {
        refuseRoot();
        Args args = Args.parse(argv, Set.of("data", "port"), Set.of());
        List<Path> folders = Common.folders(args);
        Path data = Common.config(args).dataDir().toAbsolutePath().normalize();
        Integer port = args.has("port") ? args.intValue("port", 8080, 1, 65535) : null;
        Map<String, String> env = new TreeMap<>();
        String config = System.getenv("DOCENT_CONFIG");
        if (config != null && !config.isBlank()) env.put("DOCENT_CONFIG", Path.of(config).toAbsolutePath().toString());
        var spec = new ServiceFiles.Spec(launcher(), data, port, folders, env);
        String text = mac ? ServiceFiles.launchdPlist(spec) : ServiceFiles.systemdUnit(spec);
        boolean changed;
        try {
            createPrivateDirectories(data.resolve("logs"));
            changed = writeIfChanged(serviceFile(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + serviceFile() + ": " + e.getMessage(), e);
        }
        out.println((changed ? "Wrote " : "Unchanged: ") + serviceFile());
        out.println("It runs: " + String.join(" ", spec.command()));
        out.println("Its output: " + spec.log() + " (Docent's log: " + data.resolve("logs") + ")");
        return mac ? startLaunchd(changed) : startSystemd(changed);
    }

    private int startSystemd(boolean changed) {
        if (runner.run(List.of("systemctl", "--user", "show-environment")) != 0) {
            out.println("No systemd user session is reachable here, so nothing was started. In your session, run:");
            out.println("  systemctl --user daemon-reload && systemctl --user enable --now docent.service");
            return 0;
        }
        if (runner.run(List.of("systemctl", "--user", "daemon-reload")) != 0
                || runner.run(List.of("systemctl", "--user", "enable", ServiceFiles.SYSTEMD_NAME)) != 0
                || runner.run(List.of("systemctl", "--user", changed ? "restart" : "start", ServiceFiles.SYSTEMD_NAME)) != 0) {
            out.println("systemctl could not start it: see `systemctl --user status docent.service`");
            return 1;
        }
        out.println("Started, and enabled at login. (To keep it running while you are logged out: loginctl enable-linger)");
        return 0;
    }

    private int startLaunchd(boolean changed) {
        String domain = "gui/" + userId();
        if (changed) runner.run(List.of("launchctl", "bootout", domain + "/" + ServiceFiles.LAUNCHD_LABEL));
        else if (runner.run(List.of("launchctl", "print", domain + "/" + ServiceFiles.LAUNCHD_LABEL)) == 0) {
            out.println("Already loaded and running at login.");
            return 0;
        }
        if (runner.run(List.of("launchctl", "bootstrap", domain, serviceFile().toString())) != 0) {
            out.println("launchctl could not load it; it will start at your next login. Try: launchctl bootstrap "
                    + domain + " " + serviceFile());
            return 1;
        }
        out.println("Started, and started again at every login.");
        return 0;
    }

    private int status(Args args) {
        Path file = serviceFile();
        if (!Files.exists(file)) {
            out.println("Not installed (no " + file + "). Install: docent service install [--data DIR] FOLDER...");
            return 3;
        }
        out.println("Installed: " + file);
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("ExecStart=")) out.println("Runs: " + line.substring("ExecStart=".length()));
                if (line.startsWith("StandardOutput=append:")) out.println("Output: " + line.substring("StandardOutput=append:".length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int state = mac ? runner.run(List.of("launchctl", "print", "gui/" + userId() + "/" + ServiceFiles.LAUNCHD_LABEL))
                : runner.run(List.of("systemctl", "--user", "is-active", "--quiet", ServiceFiles.SYSTEMD_NAME));
        out.println(state == 0 ? "Running." : "Not running now (" + (mac ? "launchctl print" : "systemctl --user status docent.service")
                + " says why).");
        return state == 0 ? 0 : 3;
    }

    private int uninstall(Args args) {
        refuseRoot();
        Path file = serviceFile();
        if (mac) runner.run(List.of("launchctl", "bootout", "gui/" + userId() + "/" + ServiceFiles.LAUNCHD_LABEL));
        else if (runner.run(List.of("systemctl", "--user", "show-environment")) == 0) {
            runner.run(List.of("systemctl", "--user", "disable", "--now", ServiceFiles.SYSTEMD_NAME));
        }
        try {
            if (!Files.deleteIfExists(file)) {
                out.println("Not installed (no " + file + "): nothing to do.");
                return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
        if (!mac && runner.run(List.of("systemctl", "--user", "show-environment")) == 0) {
            runner.run(List.of("systemctl", "--user", "daemon-reload"));
        }
        out.println("Stopped and removed " + file + ". The data directory and its logs are kept.");
        return 0;
    }

    private void refuseRoot() {
        if (root) {
            throw new IllegalStateException("refusing to run as root: the service would read your documents and write its data as"
                    + " root. Run `docent service install` as the user whose documents these are (no sudo).");
        }
    }

    /** The installed launcher: bin/docent of the install this runs from (bin/docent sets docent.home). */
    private static Path launcher() {
        String home = System.getProperty("docent.home");
        if (home == null || home.isBlank()) {
            throw new UsageException("the service runs an installed Docent: use bin/docent from the release archive"
                    + " (the source tree's ./docent rebuilds itself and is not meant to run as a service)");
        }
        return Path.of(home, "bin", "docent").toAbsolutePath().normalize();
    }

    private static boolean writeIfChanged(Path file, String text) throws IOException {
        if (Files.exists(file) && Files.readString(file).equals(text)) return false;
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) missing.addFirst(p);
        for (Path p : missing) {
            try {
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(p);
            }
        }
    }

    private static String userId() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String id = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? id : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int runQuietly(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1; // not installed here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
