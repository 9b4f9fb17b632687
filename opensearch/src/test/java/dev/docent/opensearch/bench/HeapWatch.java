package dev.docent.opensearch.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The highest heap used per node while something runs (ingestion, searches), polled every two
 * seconds: what a node's heap must hold under that load, garbage included, as opposed to the
 * live heap after a full collection.
 */
public final class HeapWatch implements AutoCloseable {

    private final ClusterProbe probe;
    private final Map<String, Long> peak = new TreeMap<>();
    private final Thread thread;
    private volatile boolean stop;

    public HeapWatch(ClusterProbe probe) {
        this.probe = probe;
        this.thread = Thread.ofPlatform().daemon().name("heap-watch").start(this::poll);
    }

    private void poll() {
        while (!stop) {
            try {
                Map<String, Long> now = probe.heapUsedMb();
                synchronized (peak) {
                    now.forEach((k, v) -> peak.merge(k, v, Math::max));
                }
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a missed sample (node busy): the next one counts
            }
        }
    }

    /** Peak heap used per node name, MB, so far. */
    public Map<String, Long> peakMb() {
        synchronized (peak) {
            return new TreeMap<>(peak);
        }
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
    }
}
