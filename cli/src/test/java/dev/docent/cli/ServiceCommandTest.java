package dev.docent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testkit.Required;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docent service}: the files it writes into a temporary HOME (systemd unit, launchd plist),
 * checked line by line and by {@code systemd-analyze verify}; installing twice writes the same
 * file; uninstall removes it; root is refused. systemctl/launchctl are recorded, not run.
 */
class ServiceCommandTest {

    @TempDir
    Path tmp;

    private Path home;
    private Path install;
    private Path data;
    private Path folder;
    private final List<List<String>> ran = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        install = Files.createDirectories(tmp.resolve("opt/docent 1.0"));
        Path launcher = Files.createDirectories(install.resolve("bin")).resolve("docent");
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = tmp.resolve("data dir");
        folder = Files.createDirectories(tmp.resolve("My Documents"));
        System.setProperty("docent.home", install.toString());
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("docent.home");
    }

    private ServiceCommand command(boolean mac, boolean root, boolean userManager) {
        return new ServiceCommand(home, mac, root, c -> {
            ran.add(c);
            boolean probe = c.contains("show-environment") || c.contains("print") || c.contains("is-active");
            return probe && !userManager ? 1 : 0;
        }, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void systemdUnitRunsServeFromTheInstallAndRestartsOnFailure() throws Exception {
        ServiceCommand service = command(false, false, false);
        assertEquals(0, service.run(new String[] {"install", "--data", data.toString(), folder.toString()}));
        Path unit = home.resolve(".config/systemd/user/docent.service");
        assertEquals(unit, service.serviceFile());
        List<String> lines = Files.readAllLines(unit);
        String real = folder.toRealPath().toString();
        assertTrue(lines.contains("ExecStart=\"" + install.resolve("bin/docent") + "\" \"serve\" \"--data\" \"" + data + "\" \""
                + real + "\""), lines.toString());
        assertTrue(lines.contains("Restart=on-failure"), lines.toString());
        assertTrue(lines.contains("WantedBy=default.target"), lines.toString());
        assertTrue(lines.contains("StandardOutput=append:" + data.resolve("logs/service.log")), lines.toString());
        assertTrue(lines.contains("StandardError=append:" + data.resolve("logs/service.log")), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("User=") || l.contains("sudo")), "a user unit names no user");
        assertTrue(Files.isDirectory(data.resolve("logs")), "the logs folder exists before systemd opens the log");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        // No user manager here: nothing started, and the user is told the two commands.
        assertEquals(List.of(List.of("systemctl", "--user", "show-environment")), ran);
        assertTrue(printed().contains("systemctl --user daemon-reload && systemctl --user enable --now docent.service"), printed());
    }

    @Test
    void systemdAnalyzeAcceptsTheUnit() throws Exception {
        Required.tool(onPath("systemd-analyze"), "systemd-analyze (Debian: systemd)");
        command(false, false, false).run(new String[] {"install", "--data", data.toString(), "--port", "8093", folder.toString()});
        Path unit = home.resolve(".config/systemd/user/docent.service");
        Path runtime = Files.createDirectories(tmp.resolve("run"));
        for (List<String> mode : List.of(List.of("systemd-analyze", "verify"), List.of("systemd-analyze", "--user", "verify"))) {
            List<String> cmd = new ArrayList<>(mode);
            cmd.add(unit.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
            pb.environment().put("HOME", home.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            // systemd-analyze exits 0 even for a value it ignores, so its output must be empty too.
            assertEquals(0, p.exitValue(), out);
            assertEquals("", out.strip(), cmd + " said: " + out);
        }
    }

    @Test
    void installingTwiceIsHarmlessAndUninstallRemovesTheUnit() throws Exception {
        String[] install = {"install", "--data", data.toString(), folder.toString()};
        ServiceCommand service = command(false, false, true);
        assertEquals(0, service.run(install));
        Path unit = service.serviceFile();
        String first = Files.readString(unit);
        assertTrue(ran.contains(List.of("systemctl", "--user", "enable", "docent.service")), ran.toString());
        assertTrue(ran.contains(List.of("systemctl", "--user", "restart", "docent.service")), ran.toString());
        ran.clear();
        assertEquals(0, service.run(install));
        assertEquals(first, Files.readString(unit));
        assertTrue(ran.contains(List.of("systemctl", "--user", "start", "docent.service")), "unchanged: started, not restarted " + ran);
        assertTrue(printed().contains("Unchanged: " + unit), printed());
        try (var files = Files.list(unit.getParent())) {
            assertEquals(List.of(unit), files.toList(), "no temporary file left beside the unit");
        }

        assertEquals(0, service.run(new String[] {"status"}));
        assertTrue(printed().contains("Installed: " + unit), printed());

        ran.clear();
        assertEquals(0, service.run(new String[] {"uninstall"}));
        assertFalse(Files.exists(unit));
        assertTrue(ran.contains(List.of("systemctl", "--user", "disable", "--now", "docent.service")), ran.toString());
        assertEquals(0, service.run(new String[] {"uninstall"}), "uninstalling twice is harmless too");
        assertEquals(3, service.run(new String[] {"status"}));
        assertTrue(Files.isDirectory(data.resolve("logs")), "the data and its logs are kept");
    }

    @Test
    void launchdAgentRunsAtLoadKeepsAliveOnFailureAndLogsInData() throws Exception {
        ServiceCommand service = command(true, false, true);
        assertEquals(0, service.run(new String[] {"install", "--data", data.toString(), folder.toString()}));
        Path plist = home.resolve("Library/LaunchAgents/dev.docent.serve.plist");
        assertEquals(plist, service.serviceFile());
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = factory.newDocumentBuilder().parse(plist.toFile()); // well-formed XML
        assertEquals("plist", doc.getDocumentElement().getTagName());
        String text = Files.readString(plist);
        assertTrue(text.contains("<key>Label</key><string>dev.docent.serve</string>"), text);
        assertTrue(text.contains("<key>RunAtLoad</key><true/>"), text);
        assertTrue(text.contains("<dict><key>SuccessfulExit</key><false/></dict>"), text);
        assertTrue(text.contains("<string>" + install.resolve("bin/docent") + "</string>\n    <string>serve</string>"), text);
        assertTrue(text.contains("<key>StandardOutPath</key><string>" + data.resolve("logs/service.log") + "</string>"), text);
        assertTrue(text.contains("<key>StandardErrorPath</key><string>" + data.resolve("logs/service.log") + "</string>"), text);
        assertTrue(ran.stream().anyMatch(c -> c.get(0).equals("launchctl") && c.get(1).equals("bootstrap")), ran.toString());

        ran.clear();
        assertEquals(0, service.run(new String[] {"install", "--data", data.toString(), folder.toString()}));
        assertEquals(text, Files.readString(plist));
        assertFalse(ran.stream().anyMatch(c -> c.contains("bootstrap")), "already loaded: not loaded twice " + ran);

        assertEquals(0, service.run(new String[] {"uninstall"}));
        assertFalse(Files.exists(plist));
    }

    @Test
    void rootIsRefused() {
        ServiceCommand service = command(false, true, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> service.run(new String[] {"install", "--data", data.toString(), folder.toString()}));
        assertTrue(e.getMessage().contains("refusing to run as root"), e.getMessage());
        assertFalse(Files.exists(service.serviceFile()));
        assertTrue(ran.isEmpty());
    }

    @Test
    void quotesWhatSystemdWouldOtherwiseExpand() {
        assertEquals("\"/a/100%%/$$HOME/\\\"q\\\"\"", ServiceFiles.systemdQuote("/a/100%/$HOME/\"q\""));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
