package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.SampleSerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodeAheadTest {

    private final Serde<Sample> serde = SampleSerdes.binary();

    /** {@code value} in the middle of a larger array, as a record's value sits in its fetch's buffer. */
    private static java.nio.ByteBuffer slice(byte[] value) {
        byte[] fetch = new byte[value.length + 10];
        java.util.Arrays.fill(fetch, (byte) 0x5C);
        System.arraycopy(value, 0, fetch, 7, value.length);
        return java.nio.ByteBuffer.wrap(fetch, 7, value.length).slice();
    }

    /** Every record comes back, in order, as the plain deserializer decodes it: samples, nulls and failures alike. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyRecordIsDecodedOnceAndInOrderWithOrWithoutTheHelper(boolean helperThread) {
        SplittableRandom rng = new SplittableRandom(5);
        try (DecodeAhead decoder = new DecodeAhead(serde.deserializer(), helperThread, "test-decoder")) {
            for (int batch = 0; batch < 300; batch++) {
                int n = rng.nextInt(1, 400);
                List<ConsumerRecord<String, java.nio.ByteBuffer>> records = new ArrayList<>();
                List<Object> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int kind = rng.nextInt(20);
                    byte[] value;
                    if (kind == 0) {
                        value = null; // a tombstone: no sample
                        expected.add(null);
                    } else if (kind == 1) {
                        value = new byte[] {1, 2, 3}; // garbage: a failure for this record only
                        expected.add("failure");
                    } else {
                        Sample s = new Sample("id-" + batch + "-" + i, "s", i, new float[] {i, -i, 0.5f},
                                new Label.ClassIndex(i % 2), null);
                        value = serde.serializer().serialize("t", s);
                        expected.add(s);
                    }
                    // as the consumer hands them over: a slice of a larger fetch buffer
                    records.add(new ConsumerRecord<>("t", 0, i, "s", value == null ? null : slice(value)));
                }
                DecodeAhead.Batch decoded = decoder.start(records);
                for (int i = 0; i < n; i++) {
                    DecodeAhead.Decoded d = decoded.sample(i);
                    if ("failure".equals(expected.get(i))) {
                        assertThat(d.failure()).as("record %d of batch %d", i, batch).isNotNull();
                        assertThat(d.sample()).isNull();
                    } else {
                        assertThat(d.failure()).isNull();
                        assertThat(d.sample()).as("record %d of batch %d", i, batch).isEqualTo(expected.get(i));
                    }
                }
            }
        }
    }
}
