package io.sgdscope.producers;

import io.sgdscope.common.Sample;
import io.sgdscope.producers.sink.SampleSink;
import io.sgdscope.producers.source.SampleSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves samples from a source to a sink at a paced rate until the source ends (a scenario's end or
 * a file replayed once), the sample budget is spent, or {@link #stop()} is called. Runs on the
 * caller's thread. Every {@code progressInterval} it logs the count, the rate since the last line
 * and the scenario phase; the phase of each sample also goes to {@link ProducerStats#phase()}.
 */
public final class ProducerService implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerService.class);

    private final SampleSource source;
    private final SampleSink sink;
    private final RateLimiter rate;
    private final long maxSamples;
    private final ProducerStats stats;
    private final long progressNanos;
    private final LongSupplier nanoClock;
    private final List<AutoCloseable> closeAfter;
    private volatile boolean stopping;

    public ProducerService(SampleSource source, SampleSink sink, RateLimiter rate, long maxSamples) {
        this(source, sink, rate, maxSamples, new ProducerStats(), Duration.ZERO, System::nanoTime, List.of());
    }

    /**
     * @param closeAfter closed, in order, after the sink and the source (e.g. the drift truth sink)
     */
    public ProducerService(SampleSource source, SampleSink sink, RateLimiter rate, long maxSamples, ProducerStats stats,
                           Duration progressInterval, LongSupplier nanoClock, List<AutoCloseable> closeAfter) {
        this.source = source;
        this.sink = sink;
        this.rate = rate;
        this.maxSamples = maxSamples;
        this.stats = stats;
        this.progressNanos = progressInterval.toNanos();
        this.nanoClock = nanoClock;
        this.closeAfter = List.copyOf(closeAfter);
    }

    @Override
    public void run() {
        long produced = 0;
        String stream = source.schema().stream();
        long lastLog = nanoClock.getAsLong();
        long lastCount = 0;
        try {
            while (!stopping && !Thread.currentThread().isInterrupted() && (maxSamples == 0 || produced < maxSamples)) {
                rate.acquire();
                Optional<Sample> next = source.next();
                if (next.isEmpty()) {
                    LOG.info("stream {}: the source ended after {} samples", stream, produced);
                    break;
                }
                Sample s = next.get();
                sink.send(s);
                produced++;
                if (s.truth() != null) {
                    stats.phase(s.truth().phase());
                }
                if (progressNanos > 0) {
                    long now = nanoClock.getAsLong();
                    if (now - lastLog >= progressNanos) {
                        LOG.info(progressLine(stream, produced, (produced - lastCount) / ((now - lastLog) / 1e9), stats.phase()));
                        lastLog = now;
                        lastCount = produced;
                    }
                }
            }
            sink.flush();
            if (maxSamples > 0 && produced >= maxSamples) {
                LOG.info("stream {}: sent the maximum of {} samples", stream, maxSamples);
            }
        } finally {
            try {
                sink.close();
            } finally {
                try {
                    source.close(); // may still send, e.g. the labels a DelayedLabelSource holds, to a closeAfter sink
                } finally {
                    closeAll();
                }
            }
        }
    }

    private void closeAll() {
        RuntimeException first = null;
        for (AutoCloseable c : closeAfter) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static String progressLine(String stream, long count, double ratePerSecond, int phase) {
        return String.format(java.util.Locale.ROOT, "stream %s: %,d samples, %,.0f samples/s, phase %d",
                stream, count, ratePerSecond, phase);
    }

    /** Asks the loop to finish; queued samples are still flushed. */
    public void stop() {
        stopping = true;
    }
}
