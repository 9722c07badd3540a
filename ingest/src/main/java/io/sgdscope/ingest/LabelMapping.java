package io.sgdscope.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import java.util.function.BiFunction;
import java.util.function.ToLongBiFunction;

/**
 * The compiled {@code labels-from:} of an ingest entry: maps each record of the labels topic to a
 * {@link LabelRecord} (sample id, stream, label, when it became known) for the label-flow join, or a
 * rejection. Never throws: every record yields one {@link LabelOutcome}.
 */
public final class LabelMapping {

    private final LabelsFromSpec spec;
    private final RecordFormat format;
    private final BiFunction<IngestRecord, JsonNode, String> id;
    private final BiFunction<IngestRecord, JsonNode, String> stream;
    private final ToLongBiFunction<IngestRecord, JsonNode> time;
    private final JsonPointer labelPointer;

    LabelMapping(LabelsFromSpec spec, RecordFormat format) {
        this.spec = spec;
        this.format = format;
        this.id = SampleFields.text(new ValueSource.Field(spec.id()), null);
        this.stream = SampleFields.text(spec.stream(), null);
        this.time = SampleFields.time(spec.timestamp());
        this.labelPointer = JsonPointer.compile(spec.label().field());
    }

    /** The topic the labels come on. */
    public String topic() {
        return spec.topic();
    }

    public LabelsFromSpec spec() {
        return spec;
    }

    public LabelOutcome map(IngestRecord record) {
        try {
            JsonNode root = format.decode(record);
            String sampleId = id.apply(record, root);
            String streamName = stream.apply(record, root);
            long at = time.applyAsLong(record, root);
            Label label = Values.label(root, labelPointer, spec.label());
            if (label == null) {
                return new MappingOutcome.Rejected(IngestFailure.MISSING_FIELD, "label field " + spec.label().field()
                        + " is missing: a record of a labels topic must carry its label");
            }
            return new LabelOutcome.Mapped(new LabelRecord(sampleId, streamName, label, at));
        } catch (IngestDecodeException e) {
            return new MappingOutcome.Rejected(e.failure(), e.getMessage());
        } catch (MappingFailure e) {
            return e.rejected();
        }
    }
}
