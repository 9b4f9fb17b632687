package dev.docent.llm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8AssemblerTest {

    @Test
    void aCharacterSplitAcrossPiecesIsEmittedWhole() {
        byte[] snowman = "a\u2603b\uD83D\uDE00".getBytes(StandardCharsets.UTF_8); // a ☃ b 😀
        var asm = new Utf8Assembler();
        StringBuilder out = new StringBuilder();
        for (byte b : snowman) {
            String piece = asm.add(new byte[] {b});
            for (char c : piece.toCharArray()) assertEquals(false, c == '\uFFFD', "broken character emitted");
            out.append(piece);
        }
        out.append(asm.flush());
        assertEquals("a\u2603b\uD83D\uDE00", out.toString());
    }

    @Test
    void aDanglingPartialSequenceIsFlushedAsReplacement() {
        var asm = new Utf8Assembler();
        assertEquals("x", asm.add(new byte[] {'x', (byte) 0xE2, (byte) 0x98}));
        assertEquals("\uFFFD", asm.flush());
    }
}
