package io.sgdscope.producers;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Sample;
import io.sgdscope.producers.sink.SampleSink;
import io.sgdscope.producers.source.LinearTeacherSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerServiceTest {

    /** Records what it is given; the Kafka sink itself is covered by KafkaSampleSinkTest and the ITs. */
    static final class CollectingSink implements SampleSink {
        final List<Sample> sent = new ArrayList<>();
        boolean flushed;
        boolean closed;

        @Override
        public void send(Sample sample) {
            sent.add(sample);
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void stopsAfterTheSampleBudgetThenFlushesAndCloses() {
        CollectingSink sink = new CollectingSink();
        new ProducerService(new LinearTeacherSource("t", 4, 1, () -> 0L), sink, RateLimiter.perSecond(0), 250).run();
        assertThat(sink.sent).hasSize(250);
        assertThat(sink.flushed).isTrue();
        assertThat(sink.closed).isTrue();
    }

    @Test
    void stopEndsAnUnboundedRun() throws Exception {
        CollectingSink sink = new CollectingSink();
        ProducerService service = new ProducerService(new LinearTeacherSource("t", 4, 1, () -> 0L), sink,
                RateLimiter.perSecond(1000), 0);
        Thread t = new Thread(service);
        t.start();
        org.awaitility.Awaitility.await().until(() -> t.isAlive());
        service.stop();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(sink.closed).isTrue();
    }
}
