package dev.docent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Questions about the whole collection (sample-corpus/collection-questions.tsv) asked through
 * {@code POST /ask} on a copy of sample-corpus whose modification times the test sets: every
 * answer must be a collection answer listing the expected documents (precision and recall per
 * question, mean F1 at least {@value #MIN_MEAN_F1}) and a count question's text must state the
 * right number. And the 75 ordinary sample questions must stay ordinary (SampleCorpusEndToEndTest
 * checks their answers; here that none becomes a collection answer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectionQuestionsTest {

    static final double MIN_MEAN_F1 = 0.95;
    static final double MIN_F1 = 0.8;
    /**
     * Paraphrased subjects ("battery-powered trucks" for a fleet electrification plan) match by
     * meaning alone, where a document stands out from the collection's background
     * ({@code retriever.BackgroundCut}, chosen on a held-out set, assistant's
     * {@code collection/paraphrase-dev.tsv}): 0.86 measured on these five rows (0.71 with the
     * fixed cosine 0.60 before), the floor a little under it (docs/benchmarks.md).
     */
    static final double MIN_PARAPHRASE_MEAN_F1 = 0.80;

    @TempDir
    static Path tmp;
    private RunningDocent server;
    private Path corpus;

    record Expected(String question, String kind, Set<String> files, Integer count) {}

    @BeforeAll
    void start() throws Exception {
        Path source = tmp.resolve("source");
        RunningDocent.copyTree(RunningDocent.repoRoot().resolve("sample-corpus"), source);
        Set<String> recent = recentFiles();
        Instant now = Instant.now();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = source.relativize(f).toString().replace('\\', '/');
                Instant t = recent.contains(rel) ? now.minus(Duration.ofDays(2)) : now.minus(Duration.ofDays(60));
                Files.setLastModifiedTime(f, FileTime.from(t));
            }
        }
        server = new RunningDocent(source, tmp);
        corpus = server.folder;
        server.awaitIndexed(Duration.ofMinutes(5));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyCollectionQuestionListsEveryExpectedDocumentAndStatesTheRightCount() throws Exception {
        List<Expected> questions = questions();
        assertTrue(questions.size() >= 20, "collection-questions.tsv has " + questions.size());
        double f1Sum = 0;
        double paraphraseSum = 0;
        int paraphrases = 0;
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-70s %-9s %5s %5s %5s %6s %s%n",
                "question", "kind", "P", "R", "F1", "count", "expected"));
        for (Expected e : questions) {
            JsonNode a = ask(e.question());
            Set<String> got = new TreeSet<>();
            if (a.has("documents")) {
                for (JsonNode d : a.get("documents")) got.add(corpus.relativize(Path.of(d.get("path").asText())).toString().replace('\\', '/'));
            }
            int hit = (int) got.stream().filter(e.files()::contains).count();
            double p = got.isEmpty() ? 0 : (double) hit / got.size();
            double r = (double) hit / e.files().size();
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            if (e.kind().equals("paraphrase")) {
                paraphraseSum += f1;
                paraphrases++;
            } else {
                f1Sum += f1;
            }
            Integer stated = firstNumber(a.get("answer").asText());
            table.append(String.format(Locale.ROOT, "%-70s %-9s %5.2f %5.2f %5.2f %6s %s%n", e.question(), e.kind(), p, r, f1,
                    stated, e.count() == null ? e.files().size() : e.count()));
            if (!"collection".equals(a.path("scope").asText())) failures.add(e.question() + ": not a collection answer: " + a);
            if (f1 < MIN_F1 && !e.kind().equals("paraphrase")) failures.add(e.question() + ": F1 " + f1 + ", got " + got + ", expected " + e.files());
            if (e.count() != null && !e.count().equals(stated)) {
                failures.add(e.question() + ": states " + stated + ", expected " + e.count() + ": " + a.get("answer").asText());
            }
            if (a.get("documents") != null && a.get("coverage").get("matched").asInt() != got.size()) {
                failures.add(e.question() + ": coverage says " + a.get("coverage") + " for " + got.size() + " documents");
            }
        }
        double meanF1 = f1Sum / (questions.size() - paraphrases);
        double paraphraseF1 = paraphrases == 0 ? 1 : paraphraseSum / paraphrases;
        System.out.print(table);
        System.out.printf(Locale.ROOT, "mean F1 over %d list/count/filter/time/mention questions: %.3f; over %d paraphrased: %.3f%n",
                questions.size() - paraphrases, meanF1, paraphrases, paraphraseF1);
        assertTrue(failures.isEmpty(), String.join("\n", failures) + "\n" + table);
        assertTrue(meanF1 >= MIN_MEAN_F1, "mean F1 " + meanF1 + "\n" + table);
        assertTrue(paraphraseF1 >= MIN_PARAPHRASE_MEAN_F1, "paraphrase mean F1 " + paraphraseF1 + "\n" + table);
    }

    @Test
    void aCollectionAnswerListsDocumentsBeyondTopKAndTheirPassagesOpenInTheViewer() throws Exception {
        JsonNode a = RunningDocent.JSON.readTree(server.post("/ask", "{\"question\": \"List all invoices.\", \"top_k\": 3}").body());
        assertEquals(13, a.get("documents").size(), "top_k does not cap a collection answer: " + a);
        assertTrue(a.get("citations").size() >= 13, a.get("citations").toString());
        JsonNode first = a.get("documents").get(0);
        var passage = server.get("/api/documents/" + first.get("document_id").asText() + "/passage?start="
                + first.get("start").asInt() + "&end=" + first.get("end").asInt() + "&page=0");
        assertEquals(200, passage.statusCode(), passage.body());
        assertEquals(54, a.get("coverage").get("indexed").asInt(), a.get("coverage").toString());
    }

    @Test
    void filtersNarrowAnOrdinaryAnswerToTheDocumentsTheySelect() throws Exception {
        JsonNode all = ask("How much is the invoice from Calder Steel?", "{}");
        JsonNode only2025 = ask("How much is the invoice from Calder Steel?",
                "{\"folder\": \"records\", \"dated_after\": \"2025-01-01\"}");
        assertEquals("passages", only2025.get("scope").asText(), only2025.toString());
        for (JsonNode c : only2025.get("citations")) {
            assertTrue(c.get("path").asText().contains("/records/"), c.toString());
            assertTrue(!c.get("path").asText().contains("2024"), "a 2024 document passed the 2025 filter: " + c);
        }
        assertTrue(all.get("citations").toString().contains("invoice-2024"), all.get("citations").toString());
        var bad = server.post("/ask", "{\"question\": \"x\", \"filters\": {\"colour\": \"red\"}}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("unknown filter"), bad.body());
    }

    @Test
    void aQuestionThatNamesItsDocumentsByKindAndMonthIsAnsweredFromThoseDocumentsOnly() throws Exception {
        // Both operations minutes discuss the Brno pilot; "the March minutes" are the 2025 ones
        // (there are none from March 2026, the most recent March), so only they may be cited.
        JsonNode any = ask("What did the minutes decide about the Brno pilot?", "{}");
        assertTrue(any.get("citations").toString().contains("minutes-2025-06-operations"),
                "without a month the June minutes answer too: " + any.get("citations"));
        JsonNode march = ask("What did the March minutes decide about the Brno pilot?", "{}");
        assertEquals("passages", march.get("scope").asText(), march.toString());
        assertTrue(march.get("citations").size() > 0, march.toString());
        for (JsonNode c : march.get("citations")) {
            assertTrue(c.get("path").asText().endsWith("records/minutes-2025-03-operations.md"), "cited " + c.get("path"));
        }
        assertTrue(march.get("notes").toString().contains("the 1 document the question names"), march.get("notes").toString());
        JsonNode german = ask("Was wurde im Protokoll vom April beschlossen?", "{}");
        for (JsonNode c : german.get("citations")) {
            assertTrue(c.get("path").asText().endsWith("records/protokoll-2025-04-werkstatt-leipzig.md"), "cited " + c.get("path"));
        }
        JsonNode leave = ask("How many days of annual leave do employees get in 2025?", "{}");
        assertTrue(!leave.path("notes").toString().contains("the question names"), leave.toString());
    }

    @Test
    void documentSearchListsEveryMatchPagedAndFiltersApplyToPassagesToo() throws Exception {
        JsonNode first = json(server.get("/api/search?group=document&q=invoice&limit=5"));
        assertEquals(13, first.get("total").asInt(), first.toString());
        assertEquals(5, first.get("documents").size());
        JsonNode last = json(server.get("/api/search?group=document&q=invoice&limit=5&offset=10"));
        assertEquals(3, last.get("documents").size(), last.toString());
        JsonNode pdfs = json(server.get("/api/search?group=document&type=pdf"));
        assertEquals(7, pdfs.get("total").asInt(), pdfs.toString());
        String weekAgo = java.time.LocalDate.now().minusDays(7).toString();
        JsonNode recent = json(server.get("/api/search?group=document&modified_after=" + weekAgo));
        assertEquals(recentFiles().size(), recent.get("total").asInt(), recent.toString());
        JsonNode passages = json(server.get("/api/search?q=annual+leave&top_k=5&type=pdf"));
        assertTrue(passages.get("passages").size() > 0, passages.toString());
        for (JsonNode p : passages.get("passages")) assertTrue(p.get("path").asText().endsWith(".pdf"), p.toString());
        assertEquals(400, server.get("/api/search?group=documents&q=x").statusCode());
        assertEquals(400, server.get("/api/search?group=document&type=../etc").statusCode());
        assertEquals(400, server.get("/api/search?group=document").statusCode(), "no query and no filter");
    }

    private static JsonNode json(java.net.http.HttpResponse<String> res) throws Exception {
        assertEquals(200, res.statusCode(), res.body());
        return RunningDocent.JSON.readTree(res.body());
    }

    @Test
    void summariseADocumentGivesItsOutlineSectionBySectionEachCited() throws Exception {
        for (String q : List.of("Summarise employee-handbook.pdf", "Fasse employee-handbook.pdf zusammen",
                "Résume employee-handbook.pdf")) {
            JsonNode a = ask(q);
            assertEquals("document", a.get("scope").asText(), q + " -> " + a);
            String text = a.get("answer").asText();
            assertTrue(text.startsWith("Outline of employee-handbook.pdf (5 pages)"), text);
            assertTrue(text.contains("Annual leave: Every full-time employee receives 27 days"), text);
            long lines = text.lines().filter(l -> l.startsWith("- ")).count();
            assertEquals(lines, a.get("citations").size(), "every line is cited: " + a);
            assertTrue(lines >= 5, text);
            for (JsonNode c : a.get("citations")) assertTrue(c.get("page").asInt() >= 1, c.toString());
            assertEquals(1, a.get("documents").size(), a.toString());
        }
        assertEquals("passages", ask("Summarise the document that does not exist.pdf").get("scope").asText());
    }

    private JsonNode ask(String question) throws Exception {
        return ask(question, null);
    }

    private JsonNode ask(String question, String filters) throws Exception {
        String body = "{\"question\": " + RunningDocent.JSON.writeValueAsString(question)
                + (filters == null ? "" : ", \"filters\": " + filters) + "}";
        var res = server.post("/ask", body);
        assertEquals(200, res.statusCode(), res.body());
        return RunningDocent.JSON.readTree(res.body());
    }

    private static Integer firstNumber(String text) {
        Matcher m = Pattern.compile("\\d[\\d,]*").matcher(text);
        return m.find() ? Integer.valueOf(m.group().replace(",", "")) : null;
    }

    static Set<String> recentFiles() throws Exception {
        for (String line : Files.readAllLines(file())) {
            if (line.startsWith("#recent\t")) return Set.of(line.split("\t")[1].split(","));
        }
        throw new IllegalStateException("collection-questions.tsv has no #recent line");
    }

    static List<Expected> questions() throws Exception {
        List<Expected> out = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(file())) {
            if (line.startsWith("#") || line.isBlank()) continue;
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(new Expected(f[0], f[1], Set.of(f[2].split(",")), f.length > 3 && !f[3].isBlank() ? Integer.valueOf(f[3]) : null));
        }
        return out;
    }

    private static Path file() {
        return RunningDocent.repoRoot().resolve("sample-corpus/collection-questions.tsv");
    }
}
