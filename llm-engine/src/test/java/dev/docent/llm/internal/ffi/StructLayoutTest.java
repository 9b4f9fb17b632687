package dev.docent.llm.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structs passed by value must match llama.h byte for byte. A C probe, generated from the Java
 * layouts and compiled by the system C compiler against the pinned headers (src/test/c/include,
 * copied from the node-llama-cpp 3.21.1 bundle), prints sizeof and offsetof of every field; a
 * field missing on either side fails to compile or changes the size.
 */
class StructLayoutTest {

    @Test
    void everyJavaLayoutMatchesTheCHeader(@TempDir Path tmp) throws Exception {
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"llama.h\"\nint main(void) {\n");
        Map<String, Long> expected = new LinkedHashMap<>();
        for (StructLayout s : Structs.ALL) {
            String type = "struct " + s.name().orElseThrow();
            c.append("  printf(\"%s sizeof %zu\\n\", \"").append(s.name().orElseThrow()).append("\", sizeof(").append(type).append("));\n");
            expected.put(s.name().orElseThrow() + " sizeof", s.byteSize());
            for (MemoryLayout m : s.memberLayouts()) {
                String field = m.name().orElseThrow();
                if (field.startsWith("pad")) continue;
                c.append("  printf(\"%s %s %zu\\n\", \"").append(s.name().orElseThrow()).append("\", \"").append(field)
                        .append("\", offsetof(").append(type).append(", ").append(field).append("));\n");
                expected.put(s.name().orElseThrow() + " " + field,
                        s.byteOffset(MemoryLayout.PathElement.groupElement(field)));
            }
        }
        c.append("  return 0;\n}\n");
        Path source = tmp.resolve("probe.c");
        Files.writeString(source, c);
        Path include = Path.of("src/test/c/include").toAbsolutePath();
        run(tmp, "cc", "-std=c11", "-I", include.toString(), source.toString(), "-o", tmp.resolve("probe").toString());
        String out = run(tmp, tmp.resolve("probe").toString());
        Map<String, Long> actual = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            int last = line.lastIndexOf(' ');
            actual.put(line.substring(0, last), Long.parseLong(line.substring(last + 1)));
        }
        assertEquals(expected, actual);
        assertTrue(actual.size() > 60, "probe checked only " + actual.size() + " values");
    }

    /** Offsets cannot see a field the Java side lacks if it hides in padding; names can. */
    @Test
    void everyHeaderFieldIsInTheJavaLayoutInOrder() throws Exception {
        String header = Files.readString(Path.of("src/test/c/include/llama.h")).replaceAll("//[^\\n]*", "");
        for (StructLayout s : Structs.ALL) {
            String name = s.name().orElseThrow();
            var m = java.util.regex.Pattern.compile("struct " + name + "\\s*\\{([^}]*)\\}").matcher(header);
            assertTrue(m.find(), name + " not found in llama.h");
            List<String> cFields = new java.util.ArrayList<>();
            for (String decl : m.group(1).split(";")) {
                String d = decl.strip();
                if (d.isEmpty()) continue;
                String[] words = d.replace("*", " ").strip().split("\\s+");
                cFields.add(words[words.length - 1]);
            }
            List<String> javaFields = s.memberLayouts().stream().map(l -> l.name().orElseThrow())
                    .filter(n -> !n.startsWith("pad")).toList();
            assertEquals(cFields, javaFields, name);
        }
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
