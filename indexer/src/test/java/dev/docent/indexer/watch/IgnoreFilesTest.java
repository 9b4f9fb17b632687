package dev.docent.indexer.watch;

import static dev.docent.indexer.watch.Trees.files;
import static dev.docent.indexer.watch.Trees.found;
import static dev.docent.indexer.watch.Trees.walk;
import static dev.docent.indexer.watch.Trees.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.indexer.TestPaths;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .docentignore and .gitignore files, through the real walker on real trees: git's semantics. */
class IgnoreFilesTest {

    @Test
    void everyFolderMayHoldAnIgnoreFileThatAppliesBelowItRelativeToItself(@TempDir Path root) throws Exception {
        write(root, ".docentignore", "# logs anywhere below here\n*.log\n");
        write(root, "a/.docentignore", "/local.txt\ntmp/\n");
        files(root, "x.log", "a/b/y.log", "local.txt", "a/local.txt", "a/b/local.txt",
                "a/tmp/z.txt", "tmp/z.txt", "a/b/tmp", "keep.txt");
        assertEquals(List.of(
                "a/b/local.txt", // "/local.txt" is anchored to a/, not to a/b/
                "a/b/tmp",       // "tmp/" matches folders only
                "keep.txt",
                "local.txt",     // a/'s rules do not reach up
                "tmp/z.txt"), found(walk(root, true), root));
    }

    @Test
    void negationReincludesButNotInsideAnIgnoredFolder(@TempDir Path root) throws Exception {
        write(root, ".docentignore", "*.txt\n!keep.txt\nbuild/\n!build/report.txt\n*.md\n");
        write(root, "sub/.docentignore", "!README.md\n");
        files(root, "drop.txt", "keep.txt", "deep/keep.txt", "deep/drop.txt", "build/report.txt",
                "README.md", "sub/README.md", "sub/other.md");
        assertEquals(List.of(
                "deep/keep.txt",
                "keep.txt",
                "sub/README.md"), // the deeper file's negation wins over the parent's *.md
                found(walk(root, true), root)); // build/report.txt stays out: git cannot re-include inside an ignored folder
    }

    @Test
    void doubleStarsCommentsAndEscapes(@TempDir Path root) throws Exception {
        write(root, ".docentignore", """
                # a comment, then a blank line

                docs/**/draft-*.txt
                **/secret/
                archive/**
                \\#hash.txt
                """);
        files(root, "docs/draft-1.txt", "docs/x/y/draft-2.txt", "docs/x/final.txt", "draft-3.txt",
                "secret/a.txt", "p/q/secret/b.txt", "secret.txt", "archive/old.txt", "archive/deep/old.txt",
                "#hash.txt", "# a comment, then a blank line");
        assertEquals(List.of(
                "# a comment, then a blank line", // the comment line did not become a rule
                "docs/x/final.txt",
                "draft-3.txt",
                "secret.txt"), found(walk(root, true), root));
    }

    @Test
    void gitignoreCountsOnlyWhenRespectedAndDocentignoreHasTheLastWord(@TempDir Path root) throws Exception {
        write(root, ".gitignore", "*.bak\ntarget/\n");
        write(root, ".docentignore", "!important.bak\n");
        write(root, "nested/.gitignore", "*.tmp\n");
        files(root, "a.bak", "important.bak", "target/out.txt", "nested/x.tmp", "nested/y.txt");
        assertEquals(List.of("important.bak", "nested/y.txt"), found(walk(root, true), root));
        assertEquals(List.of("a.bak", "important.bak", "nested/x.tmp", "nested/y.txt", "target/out.txt"),
                found(walk(root, false), root));
    }

    @Test
    void anIgnoreFileMayBeALinkToSharedRules(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("root");
        write(tmp, "shared-rules", "*.tmp\n");
        files(root, "a/x.tmp", "a/y.txt", "b/z.tmp");
        Files.createSymbolicLink(root.resolve("a/.docentignore"), tmp.resolve("shared-rules"));
        assertEquals(List.of("a/y.txt", "b/z.tmp"), found(walk(root, true), root));
    }

    @Test
    void anIgnoreFileEditedBetweenWalksTakesEffectAtTheNextWalk(@TempDir Path root) throws Exception {
        files(root, "a.txt", "b.txt", "notes/c.txt");
        FolderWalker walker = new FolderWalker(null, true);
        assertEquals(List.of("a.txt", "b.txt", "notes/c.txt"), found(walker.walk(List.of(root)), root));
        write(root, "notes/.docentignore", "c.txt\n");
        write(root, ".docentignore", "b.txt\n");
        assertEquals(List.of("a.txt"), found(walker.walk(List.of(root)), root));
        write(root, ".docentignore", "# nothing ignored any more\n");
        assertEquals(List.of("a.txt", "b.txt"), found(walker.walk(List.of(root)), root));
    }

    @Test
    void aParentOfTheSampleCorpusFindsExactlyItsFiftyFourDocuments(@TempDir Path tmp) throws Exception {
        Path corpus = TestPaths.repoRoot().resolve("sample-corpus");
        Path parent = tmp.resolve("parent");
        copyTree(corpus, parent.resolve("sample-corpus"));
        Files.writeString(parent.resolve("notes.txt"), "A file of the parent folder itself.");

        List<String> direct = found(walk(corpus, true), corpus);
        List<String> viaParent = found(walk(parent, true), parent);
        assertEquals(54, direct.size(), direct.toString());
        assertEquals(55, viaParent.size(), viaParent.toString());
        assertEquals(direct, viaParent.stream().filter(p -> p.startsWith("sample-corpus/"))
                .map(p -> p.substring("sample-corpus/".length())).toList());
        assertTrue(viaParent.stream().noneMatch(p -> p.endsWith("questions.tsv") || p.contains("/src/")), viaParent.toString());
    }

    static void copyTree(Path from, Path to) throws java.io.IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws java.io.IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws java.io.IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
