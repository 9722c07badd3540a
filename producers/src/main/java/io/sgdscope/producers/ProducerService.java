package io.sgdscope.producers;

import io.sgdscope.common.Sample;
import io.sgdscope.producers.sink.SampleSink;
import io.sgdscope.producers.source.SampleSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves samples from a source to a sink at a paced rate until the source ends, the sample budget
 * is spent, or {@link #stop()} is called. Runs on the caller's thread.
 */
public final class ProducerService implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerService.class);

    private final SampleSource source;
    private final SampleSink sink;
    private final RateLimiter rate;
    private final long maxSamples;
    private volatile boolean stopping;

    public ProducerService(SampleSource source, SampleSink sink, RateLimiter rate, long maxSamples) {
        this.source = source;
        this.sink = sink;
        this.rate = rate;
        this.maxSamples = maxSamples;
    }

    @Override
    public void run() {
        long produced = 0;
        try {
            while (!stopping && !Thread.currentThread().isInterrupted() && (maxSamples == 0 || produced < maxSamples)) {
                rate.acquire();
                Optional<Sample> next = source.next();
                if (next.isEmpty()) {
                    LOG.info("source {} is exhausted after {} samples", source.schema().stream(), produced);
                    break;
                }
                sink.send(next.get());
                produced++;
            }
            sink.flush();
        } finally {
            sink.close();
            source.close();
        }
    }

    /** Asks the loop to finish; queued samples are still flushed. */
    public void stop() {
        stopping = true;
    }
}
