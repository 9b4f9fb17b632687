package dev.docent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of the per-user service that runs {@code serve} at login: a systemd user unit (Linux)
 * or a launchd agent (macOS). Pure functions of absolute paths, so the tests check them exactly.
 */
final class ServiceFiles {

    static final String SYSTEMD_NAME = "docent.service";
    static final String LAUNCHD_LABEL = "dev.docent.serve";

    private ServiceFiles() {}

    /** What the service runs: the launcher, its arguments, and the log file in DATA/logs. */
    record Spec(Path launcher, Path dataDir, Integer port, List<Path> folders, Map<String, String> environment) {
        List<String> command() {
            List<String> c = new ArrayList<>(List.of(launcher.toString(), "serve", "--data", dataDir.toString()));
            if (port != null) c.addAll(List.of("--port", port.toString()));
            folders.forEach(f -> c.add(f.toString()));
            return c;
        }

        Path log() {
            return dataDir.resolve("logs").resolve("service.log");
        }
    }

    /** {@code ~/.config/systemd/user/docent.service}: started at login, restarted on failure. */
    static String systemdUnit(Spec spec) {
        StringBuilder exec = new StringBuilder();
        for (String arg : spec.command()) exec.append(exec.isEmpty() ? "" : " ").append(systemdQuote(arg));
        StringBuilder env = new StringBuilder();
        spec.environment().forEach((k, v) -> env.append("Environment=").append(systemdQuote(k + "=" + v)).append('\n'));
        String log = spec.log().toString().replace("%", "%%"); // no $ expansion outside ExecStart
        return """
                # Written by `docent service install`; `docent service uninstall` removes it.
                [Unit]
                Description=Docent: answers questions about your documents (serve)

                [Service]
                Type=simple
                ExecStart=%s
                %sRestart=on-failure
                RestartSec=5
                StandardOutput=append:%s
                StandardError=append:%s
                NoNewPrivileges=yes

                [Install]
                WantedBy=default.target
                """.formatted(exec, env, log, log);
    }

    /** {@code ~/Library/LaunchAgents/dev.docent.serve.plist}: run at load, kept alive after a failure. */
    static String launchdPlist(Spec spec) {
        StringBuilder args = new StringBuilder();
        for (String arg : spec.command()) args.append("    <string>").append(xml(arg)).append("</string>\n");
        StringBuilder env = new StringBuilder();
        // launchd's PATH is /usr/bin:/bin:/usr/sbin:/sbin: add Homebrew's, where tesseract (OCR) lives.
        env.append("    <key>PATH</key><string>/opt/homebrew/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin</string>\n");
        spec.environment().forEach((k, v) -> env.append("    <key>").append(xml(k)).append("</key><string>")
                .append(xml(v)).append("</string>\n"));
        String log = xml(spec.log().toString());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Written by `docent service install`; `docent service uninstall` removes it. -->
                <plist version="1.0">
                <dict>
                  <key>Label</key><string>%s</string>
                  <key>ProgramArguments</key>
                  <array>
                %s  </array>
                  <key>EnvironmentVariables</key>
                  <dict>
                %s  </dict>
                  <key>RunAtLoad</key><true/>
                  <key>KeepAlive</key>
                  <dict><key>SuccessfulExit</key><false/></dict>
                  <key>ThrottleInterval</key><integer>10</integer>
                  <key>ProcessType</key><string>Background</string>
                  <key>StandardOutPath</key><string>%s</string>
                  <key>StandardErrorPath</key><string>%s</string>
                </dict>
                </plist>
                """.formatted(LAUNCHD_LABEL, args, env, log, log);
    }

    /** One ExecStart word: double-quoted, with systemd's specifier and variable characters escaped. */
    static String systemdQuote(String word) {
        return "\"" + systemdEscape(word).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String systemdEscape(String s) {
        if (s.indexOf('\n') >= 0) throw new UsageException("a path with a line break cannot go in a service file: " + s);
        return s.replace("%", "%%").replace("$", "$$");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
