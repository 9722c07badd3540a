package io.sgdscope.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.ingest.format.RecordFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToLongBiFunction;

/**
 * An {@link IngestSpec} compiled once at start-up: a fixed feature dimension, its {@link FeatureTable},
 * and {@link #map}, which turns every record of the topic into exactly one {@link MappingOutcome}
 * and never throws on any bytes. Immutable and thread-safe: the per-stream learned state is passed in.
 */
public final class CompiledMapping {

    private final IngestSpec spec;
    private final RecordFormat format;
    private final List<FeatureEncoder> encoders;
    private final FeatureTable table;
    private final BiFunction<IngestRecord, JsonNode, String> id;
    private final BiFunction<IngestRecord, JsonNode, String> stream;
    private final ToLongBiFunction<IngestRecord, JsonNode> time;
    private final JsonPointer labelPointer;
    private final LabelMapping labelsFrom;
    private final boolean learns;

    private CompiledMapping(IngestSpec spec, RecordFormat format, RecordFormat labelsFormat) {
        this.spec = spec;
        this.format = format;
        List<FeatureEncoder> list = new ArrayList<>();
        List<FeatureTable.Feature> features = new ArrayList<>();
        int offset = 0;
        for (FeatureSpec f : spec.features()) {
            FeatureEncoder e = FeatureEncoder.of(f, offset);
            e.describe(features);
            list.add(e);
            offset += f.width();
        }
        // Learning features run last, so a record rejected by another feature teaches the stream nothing
        list.sort(java.util.Comparator.comparing(FeatureEncoder::learns));
        this.encoders = List.copyOf(list);
        this.table = new FeatureTable(spec.from(),
                spec.stream() instanceof ValueSource.Constant c ? c.value() : null, features);
        this.id = SampleFields.text(spec.id(), IngestRecord::defaultId);
        this.stream = SampleFields.text(spec.stream(), null);
        this.time = SampleFields.time(spec.timestamp());
        this.labelPointer = spec.label() == null ? null : JsonPointer.compile(spec.label().field());
        this.labelsFrom = spec.labelsFrom() == null ? null : new LabelMapping(spec.labelsFrom(), labelsFormat);
        this.learns = encoders.stream().anyMatch(FeatureEncoder::learns);
    }

    /** Compiles {@code spec} with the formats it declares (an avro-confluent format gets its own registry client). */
    public static CompiledMapping compile(IngestSpec spec) {
        return compile(spec, RecordFormats.create(spec.format()));
    }

    /** Compiles {@code spec} reading its topic with {@code format}; labels-from gets the format it declares. */
    public static CompiledMapping compile(IngestSpec spec, RecordFormat format) {
        RecordFormat labels = null;
        if (spec.labelsFrom() != null) {
            labels = spec.labelsFrom().format().equals(spec.format()) ? format
                    : RecordFormats.create(spec.labelsFrom().format());
        }
        return new CompiledMapping(spec, format, labels);
    }

    public IngestSpec spec() {
        return spec;
    }

    /** The foreign topic this mapping reads. */
    public String topic() {
        return spec.from();
    }

    public int dimension() {
        return table.dimension();
    }

    public FeatureTable featureTable() {
        return table;
    }

    /** The labels that come on another topic, when {@code labels-from:} is set. */
    public Optional<LabelMapping> labelsFrom() {
        return Optional.ofNullable(labelsFrom);
    }

    /**
     * Whether some feature learns from the stream ({@code one-hot: {learn: N}}, or {@code scale: standard}
     * without fixed moments): then {@link #map} needs the stream's {@link VocabularyState}, and all records
     * of a stream must be mapped against the same one, in order. Otherwise {@link VocabularyState#NONE} will do.
     */
    public boolean learnsVocabulary() {
        return learns;
    }

    /** The sample of {@code record}, or why it goes to the DLQ. Never throws on bad input. */
    public MappingOutcome map(IngestRecord record, VocabularyState vocab) {
        try {
            JsonNode root = format.decode(record);
            String streamName = stream.apply(record, root);
            String sampleId = id.apply(record, root);
            long eventTime = time.applyAsLong(record, root);
            Label label = labelPointer == null ? null : Values.label(root, labelPointer, spec.label());
            float[] features = new float[table.dimension()];
            for (FeatureEncoder e : encoders) {
                e.encode(root, streamName, vocab, features);
            }
            return new MappingOutcome.Mapped(new Sample(sampleId, streamName, eventTime, features, label, null));
        } catch (IngestDecodeException e) {
            return new MappingOutcome.Rejected(e.failure(), e.getMessage());
        } catch (MappingFailure e) {
            return e.rejected();
        }
    }
}
