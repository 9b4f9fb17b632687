package dev.docent.indexer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing runs no other program and leaves nothing in the shared temp folder. A child JVM gets
 * fake ffmpeg, exiftool, sox, file, strings and tesseract first on its PATH (each writes its name
 * to a log) and an empty temp folder it watches, then extracts media files, an image and an e-mail
 * with attachments (a PDF, a PNG). Run once without Docent's temp folder, to show temporary files
 * do appear in the shared one (ImageIO's cache of the images Tika reads; so this test can see
 * them), and once with it.
 */
class ParserSandboxTest {

    private static final List<String> PROGRAMS = List.of("ffmpeg", "ffprobe", "exiftool", "sox", "file", "strings", "tesseract");

    @Test
    void noProgramRunsAndNoTemporaryFileLandsInTheSharedTempFolder(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path ran = tmp.resolve("ran.log");
        for (String program : PROGRAMS) {
            Path script = bin.resolve(program);
            Files.writeString(script, "#!/bin/sh\necho \"" + program + " $*\" >> '" + ran + "'\nexit 1\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        List<Path> files = files(Files.createDirectories(tmp.resolve("files")));

        List<String> without = child(bin, Files.createDirectories(tmp.resolve("shared-tmp-1")), "-", files);
        assertTrue(without.stream().anyMatch(l -> l.startsWith("CREATED ")),
                "Tika wrote no temporary file at all, so this test cannot see the difference: " + without);

        Path data = tmp.resolve("data");
        List<String> with = child(bin, Files.createDirectories(tmp.resolve("shared-tmp-2")), data.toString(), files);
        assertEquals(List.of(), with.stream().filter(l -> l.startsWith("CREATED ")).toList(), "files left in the shared temp folder");
        assertTrue(with.stream().anyMatch(l -> l.startsWith("EXTRACTED mail.eml: ") && !l.contains("no extractable")), with.toString());
        assertFalse(Files.exists(ran), () -> "programs run: " + read(ran));
    }

    private static List<String> child(Path bin, Path sharedTmp, String data, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-Djava.io.tmpdir=" + sharedTmp, "-cp", System.getProperty("java.class.path"),
                ParserSandboxChild.class.getName(), data));
        files.forEach(f -> command.add(f.toString()));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("CREATED ") || l.startsWith("EXTRACTED ") || l.startsWith("CLAIMED ")).toList();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        System.out.println(String.join("\n", lines));
        return lines;
    }

    /** Media Tika's external parsers would hand to ffmpeg, exiftool or sox, an image, and an e-mail with attachments. */
    private static List<Path> files(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        out.add(Files.write(dir.resolve("tone.wav"), wav()));
        byte[] mp4 = new byte[4096];
        System.arraycopy(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, mp4, 0, 12);
        out.add(Files.write(dir.resolve("clip.mp4"), mp4));
        byte[] png = png();
        out.add(Files.write(dir.resolve("photo.png"), png));
        Path pdf = dir.resolve("attached.pdf");
        PdfBench.write(pdf, 2);
        String mail = "From: a@example.org\r\nTo: b@example.org\r\nSubject: Quarterly figures\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
                + "The quarterly figures are attached.\r\n" + part("application/pdf", "figures.pdf", Files.readAllBytes(pdf))
                + part("image/png", "chart.png", png) + "--b1--\r\n";
        out.add(Files.writeString(dir.resolve("mail.eml"), mail));
        return out;
    }

    private static String part(String type, String name, byte[] content) {
        return "--b1\r\nContent-Type: " + type + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name
                + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(content) + "\r\n";
    }

    private static byte[] png() throws Exception {
        var image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** One second of 8 kHz 8-bit mono silence. */
    private static byte[] wav() {
        int samples = 8000;
        var b = java.nio.ByteBuffer.allocate(44 + samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples).put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
        for (int i = 0; i < samples; i++) b.put((byte) 128);
        return b.array();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
