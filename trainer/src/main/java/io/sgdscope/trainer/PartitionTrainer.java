package io.sgdscope.trainer;

import io.sgdscope.common.Sample;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.model.ModelBackend;
import io.sgdscope.trainer.model.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models of one input partition: for each stream key on it, one model per variant, each
 * with its prequential evaluator. Streams are keys, so a partition owns its streams wholly and
 * trainer instances in a group can split partitions without sharing a model.
 */
final class PartitionTrainer implements AutoCloseable {

    /** One variant's model on one stream. */
    record Trained(VariantSpec variant, OnlineModel model, PrequentialEvaluator evaluator, ModelStats stats) {
    }

    private final String topic;
    private final int partition;
    private final List<VariantSpec> variants;
    private final ModelBackend backend;
    private final TrainerConfig config;
    private final TrainerStats stats;
    private final Map<String, List<Trained>> streams = new LinkedHashMap<>();
    private long nextOffset = -1;
    private long trainedSinceCheckpoint;

    PartitionTrainer(String topic, int partition, TrainerConfig config, List<VariantSpec> variants, ModelBackend backend,
                     TrainerStats stats) {
        this.topic = topic;
        this.partition = partition;
        this.config = config;
        this.variants = variants;
        this.backend = backend;
        this.stats = stats;
    }

    /** Predicts, scores and learns the sample with every variant of its stream. */
    void train(Sample sample) {
        for (Trained t : modelsOf(sample.stream())) {
            t.evaluator().step(sample);
        }
        trainedSinceCheckpoint++;
    }

    void advanceTo(long offset) {
        nextOffset = offset;
    }

    long nextOffset() {
        return nextOffset;
    }

    long trainedSinceCheckpoint() {
        return trainedSinceCheckpoint;
    }

    void publish() {
        for (List<Trained> list : streams.values()) {
            for (Trained t : list) {
                OnlineModel m = t.model();
                var prequential = t.evaluator().snapshot();
                t.stats().publish(new ModelStats.Snapshot(prequential.samples(), m.steps(), m.divergences(),
                        m.lastLearningRate(), m.lastLoss(), m.lastGradientNorm(), m.lastUpdateNorm(), prequential));
            }
        }
    }

    private List<Trained> modelsOf(String stream) {
        List<Trained> list = streams.get(stream);
        if (list == null) {
            list = new ArrayList<>();
            for (VariantSpec v : variants) {
                list.add(create(v, stream));
            }
            streams.put(stream, list);
        }
        return list;
    }

    private Trained create(VariantSpec v, String stream) {
        ModelSpec spec = backend.resolve(v.model());
        OnlineModel model = new OnlineModel(v.name(), spec, backend.executor(spec, v.executor(), v.batchSize()),
                backend.initialParams(spec, v.seed()), v.optimizer().create(spec.task(), v.seed()),
                v.optimizer().newSchedule(), new io.sgdscope.trainer.optim.DivergenceGuard(v.divergenceLrFactor(), 100),
                v.batchSize());
        PrequentialEvaluator evaluator = new PrequentialEvaluator(model, config.window(), config.fadingFactor());
        return new Trained(v, model, evaluator, stats.model(v.name(), stream));
    }

    PartitionCheckpoint checkpoint(Map<String, String> provenance) {
        List<PartitionCheckpoint.ModelState> states = new ArrayList<>();
        streams.forEach((stream, list) -> {
            for (Trained t : list) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    t.model().writeState(out);
                    t.evaluator().writeState(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                states.add(new PartitionCheckpoint.ModelState(stream, t.variant().name(),
                        t.model().paramsView().clone(), bytes.toByteArray()));
            }
        });
        trainedSinceCheckpoint = 0;
        return new PartitionCheckpoint(topic, partition, nextOffset, provenance, states);
    }

    /**
     * Restores every model the checkpoint holds for a variant still configured; models of
     * variants no longer configured are dropped, and new variants start fresh.
     */
    List<String> restore(PartitionCheckpoint c) throws IOException {
        List<String> dropped = new ArrayList<>();
        for (PartitionCheckpoint.ModelState s : c.models()) {
            Trained t = modelsOf(s.stream()).stream().filter(x -> x.variant().name().equals(s.variant()))
                    .findFirst().orElse(null);
            if (t == null) {
                dropped.add(s.variant() + "@" + s.stream());
                continue;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(s.state()))) {
                t.model().restore(s.params(), in);
                t.evaluator().readState(in);
            }
        }
        nextOffset = c.nextOffset();
        trainedSinceCheckpoint = 0;
        publish();
        return dropped;
    }

    Map<String, List<Trained>> streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.values().forEach(list -> list.forEach(t -> t.model().close()));
    }
}
