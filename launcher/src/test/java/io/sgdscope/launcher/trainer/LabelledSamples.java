package io.sgdscope.launcher.trainer;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The labelled samples the trainer's scale-out and hand-off tests train on, straight to {@code samples.clean}. */
final class LabelledSamples {

    private LabelledSamples() {
    }

    /**
     * {@code n} samples of each stream from index {@code from}, interleaved by index, ids
     * {@code <stream>-<index>}, keyed by stream, sent without transactions (so in a topic of one
     * partition per stream's key a record's offset follows its index): 8 Gaussian features from
     * {@code seed}, class 1 where the first is positive.
     */
    static void send(KafkaClientConfig kafka, Topic<String, Sample> topic, List<String> streams, int from, int n,
                     long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of()), topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            for (int i = from; i < from + n; i++) {
                for (String stream : streams) {
                    float[] x = new float[8];
                    for (int j = 0; j < 8; j++) {
                        x[j] = (float) rng.nextGaussian();
                    }
                    Sample s = new Sample(stream + "-" + i, stream, i, x, Label.ofClass(x[0] > 0 ? 1 : 0), null, i);
                    producer.send(new ProducerRecord<>(topic.name(), stream, s));
                }
            }
            producer.flush();
        }
    }
}
