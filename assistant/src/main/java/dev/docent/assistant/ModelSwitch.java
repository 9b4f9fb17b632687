package dev.docent.assistant;

import dev.docent.llm.Generator;
import dev.docent.llm.ModelChoice;
import dev.docent.llm.ModelInfo;
import dev.docent.assistant.answer.ActiveModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which language model serve answers with, chosen at run time from the models found on this
 * machine (the UI's model picker, {@code POST /api/model}). A chosen model loads on a thread of
 * its own; meanwhile new answers are extractive and answers already running finish on the model
 * they started with (which is closed after them, see {@link ActiveModel}). A model that fails to
 * load is reported with its reason, and the previous model stays in use. Only models from the
 * list can be chosen, by name: never a path taken from a request.
 */
public final class ModelSwitch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelSwitch.class);
    /** Listing reads every model's header; a picker opened twice in a row need not read them again. */
    private static final long LIST_TTL_NANOS = 10_000_000_000L;

    /**
     * What the switch is doing.
     *
     * @param activePath the loaded model's file, or null (extractive answers)
     * @param loading the name of the model being loaded, or null
     * @param failedModel and {@code failure}: the last model that could not be loaded and why, or null
     */
    public record State(Path activePath, String loading, String failedModel, String failure) {}

    private final ActiveModel model;
    private final Function<Path, Generator> loader;
    private final Supplier<List<ModelInfo>> finder;
    private State state;
    private List<ModelInfo> listed;
    private long listedAt;
    private Thread loadingThread;
    private boolean closed;

    /**
     * @param loader loads a GGUF file into a generator (throws with a reason a user can act on)
     * @param finder lists the models on this machine
     * @param activePath the model {@code model} starts with, or null
     */
    public ModelSwitch(ActiveModel model, Function<Path, Generator> loader, Supplier<List<ModelInfo>> finder, Path activePath) {
        this.model = model;
        this.loader = loader;
        this.finder = finder;
        this.state = new State(model.current() == null ? null : activePath, null, null, null);
    }

    public synchronized State state() {
        return state;
    }

    /** The models on this machine (read again when the last listing is more than 10 s old). */
    public List<ModelInfo> models() {
        synchronized (this) {
            if (listed != null && System.nanoTime() - listedAt < LIST_TTL_NANOS) return listed;
        }
        List<ModelInfo> fresh = finder.get();
        synchronized (this) {
            listed = fresh;
            listedAt = System.nanoTime();
            return fresh;
        }
    }

    /** The name of the loaded model in {@link #models()}, or its file name; null when none is loaded. */
    public String activeName() {
        Path p = state().activePath();
        if (p == null) return null;
        for (ModelInfo m : models()) {
            if (same(m.path(), p)) return m.id();
        }
        return p.getFileName().toString();
    }

    /**
     * Starts loading the chat model called {@code name} (see {@link ModelChoice#byName}), or, for
     * a null or blank name, goes back to extractive answers at once. Returns the state right after.
     *
     * @throws IllegalArgumentException no such chat model (the message lists what to do)
     * @throws IllegalStateException a model is already loading
     */
    public State choose(String name) {
        // Resolved before taking the lock: listing reads files, and status requests wait on the lock.
        ModelInfo chosen = name == null || name.isBlank() ? null : ModelChoice.byName(name, models());
        return choose(chosen);
    }

    private synchronized State choose(ModelInfo chosen) {
        if (closed) throw new IllegalStateException("Docent is shutting down");
        if (state.loading() != null) {
            throw new IllegalStateException("still loading " + state.loading() + "; choose again when it is ready");
        }
        if (chosen == null) {
            model.replace(null);
            state = new State(null, null, null, null);
            log.info("Answering extractively, as chosen");
            return state;
        }
        if (state.activePath() != null && same(chosen.path(), state.activePath()) && !model.suspended()) return state;
        model.suspend(); // extractive answers until it is ready
        state = new State(state.activePath(), chosen.id(), null, null);
        loadingThread = Thread.ofPlatform().name("docent-llm-load").daemon().start(() -> load(chosen));
        return state;
    }

    private void load(ModelInfo chosen) {
        log.info("Loading {} ({})", chosen.id(), chosen.path());
        Generator loaded = null;
        String failure = null;
        try {
            loaded = loader.apply(chosen.path());
        } catch (RuntimeException | Error e) {
            // An Error too (a native library that fails to link, a model too big for memory): the
            // switch must end in the failed state with its reason, never stay "loading" forever.
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof Error) log.error("Loading {} failed", chosen.id(), e);
        }
        Generator unwanted = null;
        synchronized (this) {
            if (closed) {
                unwanted = loaded;
            } else if (loaded != null) {
                model.replace(loaded);
                state = new State(chosen.path(), null, null, null);
                log.info("Answers are now generated by {}", chosen.id());
            } else {
                model.resume(); // the previous model (or none) answers again
                state = new State(state.activePath(), null, chosen.id(), failure);
                log.warn("Could not load {}: {}; keeping the previous model", chosen.id(), failure);
            }
            notifyAll();
        }
        if (unwanted != null) unwanted.close();
    }

    /** Waits until no model is loading (tests). */
    public synchronized boolean awaitLoaded(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (state.loading() != null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return false;
            wait(left);
        }
        return true;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** Stops accepting choices and waits for a load in progress (its model is then closed, not used). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = loadingThread;
        }
        if (t == null) return;
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
