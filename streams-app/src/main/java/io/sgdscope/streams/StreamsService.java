package io.sgdscope.streams;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one topology. A stream thread that dies of an unexpected error is replaced, so one bad
 * moment does not stop the pipeline; the error is logged once with its cause.
 */
public final class StreamsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    /** @param onError told once if the app stops for good (state ERROR), so its owner can stop too */
    public StreamsService(Topology topology, Properties props, Consumer<IllegalStateException> onError) {
        this.streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed, replacing it: {}", e.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            } else if (now == KafkaStreams.State.ERROR) {
                onError.accept(new IllegalStateException("Kafka Streams stopped in state ERROR; see the log above"));
            }
        });
    }

    /** The Kafka Streams instance, for binding its own metrics; do not start or close it directly. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public void start() {
        streams.start();
    }

    /** Waits until the app has joined its group and owns its partitions. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        // Leave the group: otherwise a restarted app waits out the old member's session timeout (45 s).
        streams.close(CloseOptions.timeout(Duration.ofSeconds(5))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
