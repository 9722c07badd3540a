package io.sgdscope.trainer;

import io.sgdscope.common.Sample;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes the samples of a polled batch on a helper thread while the training thread trains the
 * ones before them: on two cores, decoding (a tenth of the trainer thread at batch 1) then costs
 * the training thread nothing. Values arrive as the consumer's buffers (Kafka's
 * {@code ByteBufferDeserializer}: slices of the fetch, not copies) and are decoded in place.
 *
 * <p>The two threads share the work record by record: each claims a record before decoding it,
 * and the training thread, reaching a record the helper has not claimed, decodes it itself. So it
 * never waits for a helper that is not running (one core, or a busy machine), only, briefly, for
 * one record the helper is decoding at that moment. Everything else the training thread does with
 * the consumer (offsets, commits, rebalances, checkpoints) is unchanged: a batch is decoded within
 * the poll that returned it.
 */
final class DecodeAhead implements AutoCloseable {

    private static final int FREE = 0;
    private static final int CLAIMED = 1;
    private static final int DONE = 2;
    /** Spins on a record the helper is decoding before yielding the core to it. */
    private static final int SPINS_BEFORE_YIELD = 200;

    private final Deserializer<Sample> deserializer;
    private final LinkedBlockingQueue<Batch> handed = new LinkedBlockingQueue<>();
    private final Thread helper;

    /** Starts the helper thread if {@code helperThread}; without one, {@link Batch#sample} decodes every record in place. */
    DecodeAhead(Deserializer<Sample> deserializer, boolean helperThread, String threadName) {
        this.deserializer = deserializer;
        if (helperThread) {
            helper = new Thread(this::decodeHanded, threadName);
            helper.setDaemon(true);
            helper.start();
        } else {
            helper = null;
        }
    }

    /** The sample of a record, or why it could not be decoded. */
    record Decoded(Sample sample, RuntimeException failure) {
    }

    /** Starts decoding {@code records}; read them in order through the returned batch. */
    Batch start(List<ConsumerRecord<String, ByteBuffer>> records) {
        Batch b = new Batch(records);
        if (helper != null && records.size() > 1) {
            handed.add(b);
        }
        return b;
    }

    /** One polled batch of one partition, decoded by whichever thread claims each record first. */
    final class Batch {
        private final List<ConsumerRecord<String, ByteBuffer>> records;
        private final AtomicIntegerArray state;
        private final Decoded[] decoded;

        private Batch(List<ConsumerRecord<String, ByteBuffer>> records) {
            this.records = records;
            this.state = new AtomicIntegerArray(records.size());
            this.decoded = new Decoded[records.size()];
        }

        /** Record {@code i}'s sample (null for a record without a value) or its decoding failure; call in order. */
        Decoded sample(int i) {
            if (state.compareAndSet(i, FREE, CLAIMED)) {
                return decode(i); // the helper had not got here: no waiting
            }
            for (int spins = 0; state.get(i) != DONE; spins++) {
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            return decoded[i];
        }

        /** Decodes record {@code i}, claimed by the caller; publishes it through {@code state}. */
        private Decoded decode(int i) {
            ConsumerRecord<String, ByteBuffer> r = records.get(i);
            Decoded d;
            try {
                d = new Decoded(deserializer.deserialize(r.topic(), r.headers(), r.value()), null);
            } catch (RuntimeException e) {
                d = new Decoded(null, e);
            } catch (Error e) {
                // publish the record as failed before this thread dies, so the other never waits on it
                decoded[i] = new Decoded(null, new IllegalStateException("decoding failed: " + e, e));
                state.set(i, DONE);
                throw e;
            }
            decoded[i] = d;
            state.set(i, DONE);
            return d;
        }

        /** The helper's pass: every record the training thread has not claimed yet, in order. */
        private void decodeUnclaimed() {
            for (int i = 0; i < decoded.length; i++) {
                if (state.compareAndSet(i, FREE, CLAIMED)) {
                    decode(i);
                }
            }
        }
    }

    private void decodeHanded() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                handed.take().decodeUnclaimed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        }
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.interrupt();
        }
    }
}
