package dev.docent.assistant.answer;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Starts answers, each on a virtual thread of its own, and finds running ones by id so that any
 * adapter can stop them. An answer leaves the registry when it is complete.
 */
public final class AnswerJobs {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Answerer answerer;
    private final ConcurrentMap<String, AnswerJob> running = new ConcurrentHashMap<>();

    public AnswerJobs(Answerer answerer) {
        this.answerer = answerer;
    }

    public Answerer answerer() {
        return answerer;
    }

    /** Starts answering {@code q}; the job's text and result arrive as it runs. */
    public AnswerJob start(Question q) {
        return start(q, (id, answer) -> {});
    }

    /**
     * As {@link #start(Question)}; {@code onAnswered} receives the job's id and its answer (also a
     * cancelled one) on the job's thread before anyone else sees the result, so whoever reads the
     * result can rely on what it did (a stored conversation, for one).
     */
    public AnswerJob start(Question q, java.util.function.BiConsumer<String, Answer> onAnswered) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes); // unguessable, so one client cannot stop another's answer by counting
        String id = HexFormat.of().formatHex(bytes);
        AnswerJob job = new AnswerJob(id, q);
        running.put(id, job);
        Thread.ofVirtual().name("docent-answer-" + id).start(() -> job.run(answerer, () -> running.remove(id), a -> onAnswered.accept(id, a)));
        return job;
    }

    /** The running answer with this id, if any. */
    public Optional<AnswerJob> find(String id) {
        return Optional.ofNullable(running.get(id));
    }

    /** Cancels the running answer with this id; false if there is none (unknown, or already complete). */
    public boolean cancel(String id) {
        AnswerJob job = running.get(id);
        if (job == null) return false;
        job.cancel();
        return true;
    }

    /** Answers in progress. */
    public int runningCount() {
        return running.size();
    }
}
