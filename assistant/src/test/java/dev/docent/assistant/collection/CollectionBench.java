package dev.docent.assistant.collection;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.assistant.Docent;
import dev.docent.assistant.DocentConfig;
import dev.docent.assistant.answer.Answer;
import dev.docent.assistant.answer.Citation;
import dev.docent.assistant.answer.Coverage;
import dev.docent.assistant.answer.Question;
import dev.docent.assistant.documents.CollectionDocument;
import dev.docent.assistant.documents.DocumentFilters;
import dev.docent.embedder.Embedder;
import dev.docent.embedder.factory.Embedders;
import dev.docent.indexer.Indexer;
import dev.docent.indexer.IndexingLimits;
import dev.docent.indexer.SyncProgress;
import dev.docent.indexer.SyncReport;
import dev.docent.indexer.catalog.DocumentQuery;
import dev.docent.indexer.catalog.DocumentRecord;
import dev.docent.retriever.DocumentMatch;
import dev.docent.retriever.DocumentMatchQuery;
import dev.docent.retriever.Relevance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: collection questions ("how many invoices are from 2024?", issue 17) over
 * N small documents, as {@code /ask} answers them in process without a language model, and one page
 * of {@code GET /api/search?group=document}. Builds once, in {@code DIR/files}, N short Markdown
 * files (about 8 % invoices named {@code invoice-YYYY-MM-supplier.md} dated 2019–2026 in their text,
 * minutes, contracts, reports, notes, procedures, quotes; modification times spread over three years)
 * and indexes them into {@code DIR/data} with {@link Indexer#sync} — the real extraction, chunking,
 * catalog metadata and Lucene index, but vectors from a hash of the words ({@link HashEmbedder}: the
 * real model would take hours for 100,000 passages on 2 cores), so only the text and metadata paths
 * are realistic. Then opens the data directory as {@code ./docent ask} does
 * ({@link Docent#openReadOnly}, the real embedding model for queries) and times each question
 * through {@code docent.answers()}: warm-up rounds, then interleaved rounds (each round asks every
 * question once, in a rotated order). Prints per question p50/p99 of the answer, of the collection
 * search inside it ({@code collection_ms}) and of serialising the answer to JSON, with its size.
 * Run after
 * {@code ./mvnw -B -q -pl assistant -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}:
 * {@code java --add-modules jdk.incubator.vector -cp "assistant/target/test-classes:assistant/target/classes:$(cat /tmp/cp.txt)"
 * dev.docent.assistant.collection.CollectionBench DIR [N] [ROUNDS]}. DIR is reused when it holds N documents.
 */
public final class CollectionBench {

    static final List<String> QUESTIONS = List.of("How many invoices are from 2024?", "List all invoices from 2025.",
            "Which documents were changed in the last 7 days?", "List all PDFs.", "Which documents mention Calder?",
            "List all invoices.", "How many contracts are there?");
    static final String DOCUMENT_QUERY = "Calder";

    private CollectionBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path files = dir.resolve("files");
        Path data = dir.resolve("data");
        Path marker = dir.resolve("complete-" + n);
        if (!Files.exists(marker)) build(files, data, n, marker);
        System.out.printf("%s%ndata directory %s: %d MB; documents folder %d MB%n", Files.readString(marker).strip(), data,
                bytes(data) >> 20, bytes(files) >> 20);

        // A writer's open brings the catalog up to date (the name_key column of a catalog built before it).
        try (Embedder embedder = new HashEmbedder(); Indexer indexer = Indexer.open(data, embedder, IndexingLimits.defaults())) {
            System.out.printf("catalog opened for writing: %,d documents%n", indexer.count(DocumentQuery.all()));
        }
        ObjectMapper json = new ObjectMapper();
        try (Docent docent = Docent.openReadOnly(DocentConfig.defaults().withDataDir(data))) {
            List<String> items = new ArrayList<>(QUESTIONS);
            items.add("GET /api/search?group=document&q=" + DOCUMENT_QUERY);
            int k = items.size();
            long[][] total = new long[k][rounds];
            long[][] search = new long[k][rounds];
            long[][] serialise = new long[k][rounds];
            int[] count = new int[k];
            int[] jsonBytes = new int[k];
            for (int round = -5; round < rounds; round++) { // 5 warm-up rounds
                for (int j = 0; j < k; j++) {
                    int i = Math.floorMod(j + round, k); // rotated, so no item always follows the same one
                    long t0 = System.nanoTime();
                    Object result;
                    long searchNanos;
                    if (i < QUESTIONS.size()) {
                        Answer a = docent.answers().start(Question.of(QUESTIONS.get(i), 5)).answer();
                        if (!Answer.COLLECTION.equals(a.scope())) throw new IllegalStateException("not a collection answer: " + QUESTIONS.get(i));
                        count[i] = a.documents().size();
                        searchNanos = a.timings().getOrDefault("collection_ms", -1).longValue() * 1_000_000;
                        result = a;
                    } else {
                        DocumentSearchResult r = docent.documentSearch().page(DOCUMENT_QUERY, DocumentFilters.NONE, 0, 100);
                        count[i] = r.total();
                        searchNanos = r.timings().get("search_ms").longValue() * 1_000_000;
                        result = r;
                    }
                    long t1 = System.nanoTime();
                    byte[] body = json.writeValueAsBytes(result);
                    long t2 = System.nanoTime();
                    jsonBytes[i] = body.length;
                    if (round >= 0) {
                        total[i][round] = t1 - t0;
                        search[i][round] = searchNanos;
                        serialise[i][round] = t2 - t1;
                    }
                }
            }
            System.out.printf("%d timed rounds after 5 warm-up rounds, interleaved; milliseconds%n", rounds);
            System.out.println("| question | matched | p50 | p99 | min–max | search p50 | JSON p50 | JSON size |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int i = 0; i < k; i++) {
                long[] t = total[i].clone();
                Arrays.sort(t);
                System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f–%.1f | %.0f | %.1f | %,d KB |%n", items.get(i), count[i],
                        pct(total[i], 50), pct(total[i], 99), t[0] / 1e6, t[t.length - 1] / 1e6, pct(search[i], 50),
                        pct(serialise[i], 50), jsonBytes[i] >> 10);
            }
            profile(docent, rounds);
            kindSearchAB(docent, rounds);
            kindAnswerAB(docent, rounds);
        }
    }

    /**
     * A kind question without a filter, the search step as it is (the catalog reads only the rows
     * whose path or title may name the kind) against as it was ({@link #kindSearchBefore}: every
     * row read, then the kind tested on each), in interleaved rounds whose A/B order alternates.
     */
    static void kindSearchAB(Docent docent, int rounds) {
        ZoneId zone = ZoneId.systemDefault();
        Indexer indexer = docent.indexer();
        CollectionSearch search = new CollectionSearch(indexer, new HashEmbedder());
        CollectionIntent intent = new CollectionIntent(new TimeExpressions(Clock.system(zone), zone));
        List<String> questions = List.of("List all invoices.", "How many contracts are there?");
        long[][][] t = new long[questions.size()][2][rounds];
        for (int round = -3; round < rounds; round++) {
            for (int qi = 0; qi < questions.size(); qi++) {
                CollectionQuery cq = intent.classify(questions.get(qi)).orElseThrow();
                boolean beforeFirst = Math.floorMod(round, 2) == 0;
                int[] n = new int[2];
                for (int s = 0; s < 2; s++) {
                    boolean before = (s == 0) == beforeFirst;
                    long c0 = System.nanoTime();
                    CollectionSearch.Result r = before ? kindSearchBefore(indexer, cq.subject()) : search.search(cq.subject(), DocumentFilters.NONE);
                    long took = System.nanoTime() - c0;
                    n[before ? 0 : 1] = r.matches().size();
                    if (round >= 0) t[qi][before ? 0 : 1][round] = took;
                }
                if (n[0] != n[1]) throw new IllegalStateException("before found " + n[0] + ", after " + n[1] + ": " + questions.get(qi));
            }
        }
        System.out.printf("%nkind search without filters, %d interleaved A/B rounds after 3 warm-up rounds: p50 (p99) ms, ratio after/before%n", rounds);
        System.out.println("| question | before | after | after/before: median (min–max) |");
        System.out.println("|---|---|---|---|");
        for (int qi = 0; qi < questions.size(); qi++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = (double) t[qi][1][r] / t[qi][0][r];
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "| %s | %.1f (%.1f) | %.1f (%.1f) | %.2f (%.2f–%.2f) |%n", questions.get(qi), pct(t[qi][0], 50),
                    pct(t[qi][0], 99), pct(t[qi][1], 50), pct(t[qi][1], 99), ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
        }
    }

    /**
     * The whole answer to the kind questions without a filter, with the chunks' stored fields read
     * block by block (as it is: {@code BlockReads}) against one by one (as it was: the property
     * {@code docent.bench.oneByOne}), interleaved A/B rounds whose order alternates.
     */
    static void kindAnswerAB(Docent docent, int rounds) throws InterruptedException {
        List<String> questions = List.of("List all invoices.", "How many contracts are there?");
        long[][][] t = new long[questions.size()][2][rounds];
        try {
            for (int round = -3; round < rounds; round++) {
                for (int qi = 0; qi < questions.size(); qi++) {
                    boolean beforeFirst = Math.floorMod(round + qi, 2) == 0;
                    int[] n = new int[2];
                    for (int s = 0; s < 2; s++) {
                        boolean before = (s == 0) == beforeFirst;
                        System.setProperty("docent.bench.oneByOne", Boolean.toString(before));
                        long c0 = System.nanoTime();
                        Answer a = docent.answers().start(Question.of(questions.get(qi), 5)).answer();
                        long took = System.nanoTime() - c0;
                        n[before ? 0 : 1] = a.documents().size();
                        if (round >= 0) t[qi][before ? 0 : 1][round] = took;
                    }
                    if (n[0] != n[1]) throw new IllegalStateException("before found " + n[0] + ", after " + n[1]);
                }
            }
        } finally {
            System.clearProperty("docent.bench.oneByOne");
        }
        System.out.printf("%nwhole answer, kind questions without filters: stored fields one by one (before) against block by block"
                + " (after), %d interleaved A/B rounds after 3 warm-up rounds: p50 (p99) ms, ratio after/before%n", rounds);
        System.out.println("| question | before | after | after/before: median (min–max) |");
        System.out.println("|---|---|---|---|");
        for (int qi = 0; qi < questions.size(); qi++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = (double) t[qi][1][r] / t[qi][0][r];
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "| %s | %.1f (%.1f) | %.1f (%.1f) | %.2f (%.2f–%.2f) |%n", questions.get(qi), pct(t[qi][0], 50),
                    pct(t[qi][0], 99), pct(t[qi][1], 50), pct(t[qi][1], 99), ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
        }
    }

    /** {@link CollectionSearch#search} of a kind without filters as it was: every indexed row read, the kind tested on each. */
    static CollectionSearch.Result kindSearchBefore(Indexer indexer, String subject) {
        int indexed = indexer.count(DocumentQuery.all());
        List<DocumentRecord> candidates = indexer.documents(DocumentQuery.all());
        DocumentKinds.Kind kind = DocumentKinds.find(subject).kind();
        Map<String, DocumentRecord> byPath = new HashMap<>();
        for (DocumentRecord r : candidates) {
            if (DocumentKinds.isOfKind(kind, Path.of(r.path()).getFileName().toString(), r.title())) byPath.put(r.path(), r);
        }
        List<DocumentMatch> matched = indexer.withIndex(index -> index.searcher().matchDocuments(DocumentMatchQuery.all(byPath::containsKey)));
        List<CollectionSearch.Match> out = new ArrayList<>();
        for (DocumentMatch m : matched) {
            DocumentRecord r = byPath.get(m.path());
            if (r != null) out.add(new CollectionSearch.Match(r, m.passages().isEmpty() ? null : m.passages().getFirst(), m.score()));
        }
        return new CollectionSearch.Result(List.copyOf(out), candidates.size(), indexed);
    }

    /**
     * Where a question's time goes, step by step as {@link CollectionSearch#search} and
     * {@link CollectionAnswerer} take them, in interleaved rounds; and composing the answer as it is
     * against as it was before snippets were limited to the listed documents ({@link #composeBefore}).
     */
    static void profile(Docent docent, int rounds) throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        Indexer indexer = docent.indexer();
        CollectionSearch search = new CollectionSearch(indexer, new HashEmbedder()); // the real query embedding is timed apart
        CollectionAnswerer answerer = new CollectionAnswerer(new CollectionIntent(new TimeExpressions(Clock.system(zone), zone)),
                search, indexer, zone);
        CollectionIntent intent = new CollectionIntent(new TimeExpressions(Clock.system(zone), zone));
        List<String> questions = List.of("How many invoices are from 2024?", "Which documents mention Calder?");
        String[] steps = {"catalog count", "catalog read (candidates)", "path map + kinds", "query embedding (real model)",
            "matchDocuments", "compose, before", "compose, after"};
        long[][][] t = new long[questions.size()][steps.length][rounds];
        try (Embedder real = Embedders.defaultModel(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            for (int round = -3; round < rounds; round++) {
                for (int qi = 0; qi < questions.size(); qi++) {
                    String text = questions.get(qi);
                    Question q = Question.of(text, 5);
                    CollectionQuery cq = intent.classify(text).orElseThrow();
                    DocumentFilters f = answerer.filtersOf(cq);
                    long[] at = new long[steps.length + 1];
                    at[0] = System.nanoTime();
                    int indexed = indexer.count(DocumentQuery.all());
                    at[1] = System.nanoTime();
                    List<DocumentRecord> candidates = indexer.documents(DocumentQuery.all().ofTypes(f.types())
                            .modified(f.modifiedFrom(), f.modifiedTo()).mentioning(f.mentionsFrom(), f.mentionsTo()));
                    at[2] = System.nanoTime();
                    Map<String, DocumentRecord> byPath = new HashMap<>();
                    for (DocumentRecord r : candidates) byPath.put(r.path(), r);
                    DocumentKinds.Found found = DocumentKinds.find(cq.subject());
                    Set<String> ofKind = new HashSet<>();
                    if (found.kind() != null) {
                        for (DocumentRecord r : candidates) {
                            if (DocumentKinds.isOfKind(found.kind(), Path.of(r.path()).getFileName().toString(), r.title())) ofKind.add(r.path());
                        }
                    }
                    at[3] = System.nanoTime();
                    float[] vector = found.kind() == null ? real.embedQuery(cq.subject()) : null;
                    at[4] = System.nanoTime();
                    DocumentMatchQuery query = found.kind() != null ? DocumentMatchQuery.all(ofKind::contains)
                            : new DocumentMatchQuery(cq.subject(), vector, Relevance.DEFAULT_DOCUMENT_MATCH_COSINE, byPath::containsKey, 1);
                    List<DocumentMatch> matched = indexer.withIndex(index -> index.searcher().matchDocuments(query));
                    List<CollectionSearch.Match> matches = new ArrayList<>();
                    for (DocumentMatch m : matched) {
                        DocumentRecord r = byPath.get(m.path());
                        if (r != null) matches.add(new CollectionSearch.Match(r, m.passages().isEmpty() ? null : m.passages().getFirst(), m.score()));
                    }
                    var result = new CollectionSearch.Result(List.copyOf(matches), candidates.size(), indexed);
                    at[5] = System.nanoTime();
                    boolean beforeFirst = Math.floorMod(round, 2) == 0; // A/B order alternates
                    long[] ab = new long[2];
                    for (int s = 0; s < 2; s++) {
                        boolean before = (s == 0) == beforeFirst;
                        long c0 = System.nanoTime();
                        Answer a = before ? composeBefore(q, cq, result, f) : CollectionAnswers.compose(q, cq, result, f, new HashMap<>());
                        ab[before ? 0 : 1] = System.nanoTime() - c0;
                        if (a.documents().size() != matches.size()) throw new IllegalStateException("compose lost documents");
                    }
                    if (round < 0) continue;
                    for (int s = 0; s < 5; s++) t[qi][s][round] = at[s + 1] - at[s];
                    t[qi][5][round] = ab[0];
                    t[qi][6][round] = ab[1];
                }
            }
        }
        System.out.printf("%nsteps, %d interleaved rounds after 3 warm-up rounds: p50 (p99) ms%n", rounds);
        System.out.println("| step | " + String.join(" | ", questions) + " |");
        System.out.println("|---|---|---|");
        for (int s = 0; s < steps.length; s++) {
            StringBuilder row = new StringBuilder("| " + steps[s]);
            for (int qi = 0; qi < questions.size(); qi++) {
                row.append(String.format(Locale.ROOT, " | %.1f (%.1f)", pct(t[qi][s], 50), pct(t[qi][s], 99)));
            }
            System.out.println(row.append(" |"));
        }
    }

    /** {@link CollectionAnswers#compose} as it was before: the best sentence of every matching document for its snippet. */
    static Answer composeBefore(Question q, CollectionQuery cq, CollectionSearch.Result r, DocumentFilters filters) {
        boolean byChange = cq.time().map(t -> t.kind() == TimeRange.Kind.CHANGED).orElse(false);
        List<CollectionSearch.Match> matches = new ArrayList<>(r.matches());
        matches.sort(byChange
                ? Comparator.comparing((CollectionSearch.Match m) -> m.record().modified()).reversed()
                : Comparator.comparing((CollectionSearch.Match m) -> fileName(m.record().path()).toLowerCase(Locale.ROOT)));
        int n = matches.size();
        StringBuilder text = new StringBuilder();
        text.append(n).append(' ').append(CollectionAnswers.noun(q.text(), cq, n));
        cq.time().ifPresent(t -> text.append(' ').append(t.matched().strip()));
        text.append(", out of ").append(String.format(Locale.ROOT, "%,d", r.indexed())).append(" documents searched:");
        List<Citation> citations = new ArrayList<>();
        List<CollectionDocument> documents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CollectionSearch.Match m = matches.get(i);
            Citation c = m.passage() == null ? null : Citation.of(i + 1, m.passage(), q);
            if (c != null && i < CollectionAnswers.CITED) citations.add(c);
            documents.add(CollectionAnswers.document(m, c));
            if (i < CollectionAnswers.LISTED) {
                DocumentRecord d = m.record();
                String title = d.title() == null || d.title().isBlank() ? fileName(d.path()) : d.title().strip();
                text.append("\n").append(i + 1).append(". ").append(title);
                if (!title.equals(fileName(d.path()))) text.append(" (").append(fileName(d.path())).append(')');
                if (byChange) text.append(", changed ").append(LocalDate.ofInstant(d.modified(), ZoneOffset.systemDefault()));
                if (c != null && i < CollectionAnswers.CITED) text.append(" [").append(i + 1).append(']');
            }
        }
        if (n > CollectionAnswers.LISTED) text.append("\n… and ").append(n - CollectionAnswers.LISTED).append(" more.");
        var coverage = new Coverage(n, r.searched(), r.indexed(), filters.describe());
        return new Answer(text.toString(), "extractive", citations, null, Map.of(), List.of(), n > 0, n > 0 ? 1.0 : 0.0,
                Answer.COLLECTION, List.copyOf(documents), coverage);
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }

    /** The p-th percentile in milliseconds (nearest rank). */
    static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))] / 1e6;
    }

    private static void build(Path files, Path data, int n, Path marker) throws IOException {
        long t0 = System.nanoTime();
        Corpus.write(files, n, Instant.now());
        long t1 = System.nanoTime();
        System.out.printf("wrote %,d files in %.0f s%n", n, (t1 - t0) / 1e9);
        SyncReport report;
        try (Embedder embedder = new HashEmbedder(); Indexer indexer = Indexer.open(data, embedder, IndexingLimits.defaults())) {
            report = indexer.sync(List.of(files), new SyncProgress() {
                @Override
                public void fileDone(int done, int toProcess, DocumentRecord record) {
                    if (done % 10_000 == 0) System.out.printf("  indexed %,d of %,d (%.0f s)%n", done, toProcess, (System.nanoTime() - t1) / 1e9);
                }
            });
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        String summary = String.format(Locale.ROOT, "built %s: %,d documents indexed (%d failed, %,d chunks) in %.0f s = %.0f documents/s"
                + " with hash vectors (sync's own report: %s)", Instant.now(), report.indexed(), report.failed(), report.chunks(),
                seconds, report.indexed() / seconds, report.took());
        Files.writeString(marker, summary + "\n");
    }

    private static long bytes(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The synthetic collection: deterministic (seed 17) but for modification times, which count back from now. */
    static final class Corpus {

        static final String[] SUPPLIERS = {"calder-steel", "orbit-sensors", "kestrel-logistics", "northwind-batteries",
            "lumen-optics", "agrivale-services", "fieldsight-software", "harbour-packaging", "quarry-tools", "ridgeview-electrics",
            "summit-office", "tamsin-chemicals", "upland-freight", "vantage-print", "willow-cleaning", "yarrow-it",
            "zephyr-fans", "brookline-catering", "copperfield-cables", "dunmore-paints"};
        static final String[] TEAMS = {"operations", "finance", "board", "safety", "engineering", "sales", "hr", "it"};
        static final String[] TOPICS = {"battery", "conveyor", "forklift", "gripper", "warehouse", "budget", "hiring",
            "audit", "maintenance", "pricing", "logistics", "training", "firmware", "sensor", "calibration", "recycling",
            "packaging", "energy", "cleaning", "security", "travel", "fleet", "robot", "supplier", "quality", "inventory"};
        static final String[] SENTENCES = {
            "The %s review found no open issues and the next check is planned for the autumn.",
            "We agreed to replace the %s on line %d before the end of the quarter.",
            "Costs for %s rose by %d percent compared with the previous year.",
            "The team asked for a second quote on the %s work before anything is ordered.",
            "Please send comments on the %s draft to the coordinator within %d days.",
            "A short training on %s is offered to new staff every month.",
            "The %s figures were checked against the ledger and match.",
            "Downtime caused by the %s was %d hours in total.",
            "Responsibility for %s moves to the operations lead from next month.",
            "The supplier confirmed delivery of the %s parts in %d working days.",
            "Risks around %s are tracked in the register and reviewed weekly.",
            "Nothing in this note changes the %s policy; it only explains it.",
        };
        static void write(Path root, int n, Instant now) throws IOException {
            Random r = new Random(17);
            long span = Duration.ofDays(3 * 365).toMillis();
            int invoices = 0;
            for (int i = 0; i < n; i++) {
                int roll = r.nextInt(100);
                String rel;
                String text;
                if (roll < 8) { // invoices: 20 suppliers x 12 months x 8 years per branch, so every name is unique
                    int k = invoices++;
                    String supplier = SUPPLIERS[k % SUPPLIERS.length];
                    int year = 2019 + (k / SUPPLIERS.length) % 8;
                    int month = 1 + (k / (SUPPLIERS.length * 8)) % 12;
                    int branch = k / (SUPPLIERS.length * 12 * 8);
                    rel = String.format(Locale.ROOT, "finance/branch-%d/invoices/%d/invoice-%d-%02d-%s.md", branch, year, year, month, supplier);
                    text = invoice(r, supplier, year, month);
                } else if (roll < 20) {
                    String team = TEAMS[r.nextInt(TEAMS.length)];
                    LocalDate day = LocalDate.of(2019 + r.nextInt(8), 1 + r.nextInt(12), 1 + r.nextInt(28));
                    rel = String.format(Locale.ROOT, "meetings/%s/%d/minutes-%s-%s-%d.md", team, day.getYear(), day, team, i);
                    text = "# Minutes of the " + team + " meeting\n\nHeld on " + date(day) + ". Present: the " + team + " team.\n\n"
                            + body(r, 4) + (r.nextInt(40) == 0 ? "\n\nCalder Steel Supply will be asked to quote again.\n" : "");
                } else if (roll < 28) {
                    String topic = TOPICS[r.nextInt(TOPICS.length)];
                    String party = SUPPLIERS[r.nextInt(SUPPLIERS.length)];
                    rel = String.format(Locale.ROOT, "legal/contracts/%s/contract-%s-%s-%d.md", party, topic, party, i);
                    text = "# Contract for " + topic + " services\n\nBetween Brambleworth Robotics Ltd and " + title(party)
                            + ". The contract runs until " + date(LocalDate.of(2025 + r.nextInt(4), 1 + r.nextInt(12), 1 + r.nextInt(28)))
                            + ".\n\n" + body(r, 5);
                } else if (roll < 43) {
                    String topic = TOPICS[r.nextInt(TOPICS.length)];
                    boolean incident = r.nextInt(4) == 0;
                    rel = String.format(Locale.ROOT, "reports/%s/%s-%s-%d.md", topic, incident ? "incident-report" : "report", topic, i);
                    text = "# " + (incident ? "Incident report: " : "Report on ") + topic + "\n\n" + body(r, 6);
                } else if (roll < 83) {
                    String topic = TOPICS[r.nextInt(TOPICS.length)];
                    rel = String.format(Locale.ROOT, "notes/%s/%d/notes-%s-%d.md", topic, i % 20, topic, i);
                    text = "# Notes on " + topic + "\n\n" + body(r, 3)
                            + (r.nextInt(100) == 0 ? "\nCalder asked whether the order can be split.\n" : "");
                } else {
                    String topic = TOPICS[r.nextInt(TOPICS.length)];
                    String[] kinds = {"procedure", "quote", "purchase-order", "plan", "checklist"};
                    String kind = kinds[r.nextInt(kinds.length)];
                    rel = String.format(Locale.ROOT, "projects/%s/%s-%s-%d.md", topic, kind, topic, i);
                    text = "# " + title(kind) + ": " + topic + "\n\n" + body(r, 4)
                            + (kind.equals("procedure") ? "\nInvoices are paid within 30 days of receipt.\n" : "");
                }
                Path file = root.resolve(rel);
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
                Files.setLastModifiedTime(file, FileTime.from(now.minusMillis((long) (r.nextDouble() * span))));
            }
        }

        static String invoice(Random r, String supplier, int year, int month) {
            LocalDate day = LocalDate.of(year, month, 1 + r.nextInt(28));
            int amount = 200 + r.nextInt(20_000);
            String number = String.format(Locale.ROOT, "INV-%d-%02d%02d", year, month, r.nextInt(100));
            return "# Invoice " + number + "\n\n**From:** " + title(supplier) + "\n**To:** Brambleworth Robotics Ltd\n"
                    + "**Invoice date:** " + date(day) + "\n**Payment terms:** 30 days net\n\n| Item | Amount |\n|---|---|\n| "
                    + title(TOPICS[r.nextInt(TOPICS.length)]) + " work | EUR " + amount + ".00 |\n\nTotal due: EUR " + amount
                    + ".00. Please quote invoice number " + number + " with your payment.\n";
        }

        static String body(Random r, int sentences) {
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                String f = SENTENCES[r.nextInt(SENTENCES.length)];
                sb.append(String.format(Locale.ROOT, f, TOPICS[r.nextInt(TOPICS.length)], 2 + r.nextInt(30))).append(' ');
            }
            return sb.append('\n').toString();
        }

        static String date(LocalDate d) {
            return d.getDayOfMonth() + " " + d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + d.getYear();
        }

        static String title(String slug) {
            StringBuilder sb = new StringBuilder();
            for (String w : slug.split("-")) sb.append(sb.isEmpty() ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            return sb.toString();
        }
    }

    /**
     * Hashed words in the default model's name and dimensions (so the index counts as built by it
     * and its vector conditions run): stands in for the real model when indexing 100,000 documents.
     */
    static final class HashEmbedder implements Embedder {

        private static final int DIMENSIONS = 384;

        @Override
        public float[] embedPassage(String passage) {
            float[] v = new float[DIMENSIONS];
            for (String w : passage.split("\\s+")) {
                if (w.isEmpty()) continue;
                int h = Arrays.hashCode(w.getBytes(StandardCharsets.UTF_8));
                v[Math.floorMod(h, DIMENSIONS)] += (h & 1) == 0 ? 1 : -1;
            }
            double norm = 0;
            for (float x : v) norm += x * x;
            if (norm == 0) v[0] = 1;
            else for (int i = 0; i < DIMENSIONS; i++) v[i] /= (float) Math.sqrt(norm);
            return v;
        }

        @Override
        public float[] embedQuery(String query) {
            return embedPassage(query);
        }

        @Override
        public int countTokens(String text) {
            return text.isBlank() ? 0 : text.strip().split("\\s+").length * 4 / 3; // word pieces: about 4 per 3 words
        }

        @Override
        public int maxTokens() {
            return 512;
        }

        @Override
        public int dimensions() {
            return DIMENSIONS;
        }

        @Override
        public String modelName() {
            return Embedders.DEFAULT_MODEL;
        }

        @Override
        public void close() {}
    }
}
