package dev.docent.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pin holds together: the llama.cpp source bundle in node-llama-cpp@3.21.1 and every pinned
 * platform package were built from the same release, and every package still has the pinned
 * sha256. Fetches with npm (its cache makes reruns offline).
 */
// Longer than the build's 1-minute default: unpacks every pinned platform package.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PinnedReleaseTest {

    private static final List<String> PLATFORMS = List.of(
            "linux-x64", "linux-arm64", "linux-x64-vulkan", "mac-arm64-metal", "mac-x64", "win-x64");

    @Test
    void theSourceBundleAndEveryPlatformPackageShareThePinnedRelease() throws Exception {
        Path source = FetchLlamaLibraries.npmPack("node-llama-cpp@" + LlamaRelease.npmVersion(),
                LlamaRelease.sha256("node-llama-cpp"));
        String json = FetchLlamaLibraries.readEntry(source, "package/llama/binariesGithubRelease.json");
        FetchLlamaLibraries.discard(source);
        assertFalse(Files.exists(source.getParent()), "the temp folder npm packed into is left behind");
        Matcher m = Pattern.compile("\"release\"\\s*:\\s*\"([^\"]+)\"").matcher(json == null ? "" : json);
        assertTrue(m.find(), "no release in binariesGithubRelease.json: " + json);
        assertEquals(LlamaRelease.release(), m.group(1), "the source bundle's release");
        for (String platform : PLATFORMS) {
            Path tgz = FetchLlamaLibraries.npmPack("@node-llama-cpp/" + platform + "@" + LlamaRelease.npmVersion(),
                    LlamaRelease.sha256(platform)); // also checks the pinned sha256
            String metadata = FetchLlamaLibraries.readEntry(tgz, "package/bins/" + platform + "/_nlcBuildMetadata.json");
            FetchLlamaLibraries.discard(tgz);
            assertEquals(m.group(1), FetchLlamaLibraries.releaseOf(metadata), platform);
        }
    }

    @Test
    void theLibrariesForThisPlatformAreInTheCacheAndFindable() {
        Path dir = LlamaLibraries.directory();
        assertTrue(LlamaLibraries.find(dir).isPresent(), "no libllama in " + dir);
    }
}
