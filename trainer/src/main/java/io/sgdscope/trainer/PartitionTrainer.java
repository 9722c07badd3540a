package io.sgdscope.trainer;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.eval.PrequentialOutcome;
import io.sgdscope.trainer.insight.SampleWindow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models of one input partition: for each stream key on it, one model per variant, each
 * with its prequential evaluator. Streams are keys, so a partition owns its streams wholly and
 * trainer instances in a group can split partitions without sharing a model. The variants of a
 * stream learn the same samples, so they share one window of them, filled here once per sample.
 */
final class PartitionTrainer implements AutoCloseable {

    private final String topic;
    private final int partition;
    private final List<VariantSpec> variants;
    private final TrainingContext context;
    private final TrainerConfig config;
    private final TrainerStats stats;
    private final Map<String, List<TrainedModel>> streams = new LinkedHashMap<>();
    /** Per stream, the window of its last labelled samples that all its variants' snapshots carry. */
    private final Map<String, SampleWindow> windows = new HashMap<>();
    private long nextOffset = -1;
    private long trainedSinceCheckpoint;

    PartitionTrainer(String topic, int partition, TrainerConfig config, List<VariantSpec> variants,
                     TrainingContext context, TrainerStats stats) {
        this.topic = topic;
        this.partition = partition;
        this.config = config;
        this.variants = variants;
        this.context = context;
        this.stats = stats;
    }

    /**
     * Hands the sample to every variant of its stream: a labelled one is predicted (or its held
     * prediction taken), scored and learned; an unlabelled one is predicted and its prediction held.
     * Each model's stats are told the sample's latency from {@code producedAtMs} (the record's Kafka
     * timestamp: see {@link LatencyListener}) to the moment that model predicted and learned it.
     */
    void train(Sample sample, long producedAtMs) {
        boolean labelled = sample.isLabelled();
        List<TrainedModel> models = modelsOf(sample.stream());
        if (labelled) {
            // before any variant learns it, so each one's snapshot window ends with the sample it just learned
            windows.get(sample.stream()).add(sample);
        }
        for (TrainedModel t : models) {
            if (labelled) {
                PrequentialOutcome outcome = t.train(sample);
                long latency = context.clockMs().getAsLong() - producedAtMs;
                if (outcome.scored() == PrequentialOutcome.Scored.AT_ARRIVAL) {
                    // predicted and learned in the same call: at millisecond resolution, the same moment
                    t.stats().recordPredicted(latency);
                }
                t.stats().recordTrained(latency);
            } else {
                t.predict(sample);
                t.stats().recordPredicted(context.clockMs().getAsLong() - producedAtMs);
            }
        }
        trainedSinceCheckpoint++;
    }

    /** Hands a drift truth event to the models of its stream; models created later get it from the truth log. */
    void onTruth(DriftEvent e) {
        List<TrainedModel> models = streams.get(e.stream());
        if (models != null) {
            models.forEach(t -> t.onTruth(e));
        }
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
        streams.values().forEach(list -> list.forEach(TrainedModel::publish));
    }

    /** The models of the stream, one per variant, created on its first sample. */
    List<TrainedModel> modelsOf(String stream) {
        List<TrainedModel> list = streams.get(stream);
        if (list == null) {
            list = new ArrayList<>();
            SampleWindow window = new SampleWindow(config.metrics().window());
            for (VariantSpec v : variants) {
                list.add(create(v, stream, window));
            }
            streams.put(stream, list);
            windows.put(stream, window);
        }
        return list;
    }

    private TrainedModel create(VariantSpec v, String stream, SampleWindow window) {
        TrainedModel t = TrainedModel.create(v, stream, config, context, stats, window);
        context.truth().of(stream).forEach(t::onTruth);
        return t;
    }

    PartitionCheckpoint checkpoint(Map<String, String> provenance) {
        List<PartitionCheckpoint.ModelState> states = new ArrayList<>();
        streams.values().forEach(list -> list.forEach(t -> states.add(t.checkpoint())));
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
            TrainedModel t = modelsOf(s.stream()).stream().filter(x -> x.variant().name().equals(s.variant()))
                    .findFirst().orElse(null);
            if (t == null) {
                dropped.add(s.variant() + "@" + s.stream());
                continue;
            }
            t.restore(s);
        }
        nextOffset = c.nextOffset();
        trainedSinceCheckpoint = 0;
        publish();
        return dropped;
    }

    @Override
    public void close() {
        streams.values().forEach(list -> list.forEach(TrainedModel::close));
    }
}
