package io.sgdscope.trainer.checkpoint;

import io.sgdscope.common.config.SecretKeys;
import java.util.List;
import java.util.Map;

/**
 * Everything trained from one input partition up to (not including) {@code nextOffset}: the
 * models of every stream on it, each with its parameters, optimizer, RNG, guard and evaluator
 * state. Restoring it and seeking to {@code nextOffset} continues as if nothing had stopped.
 */
public record PartitionCheckpoint(String topic, int partition, long nextOffset, Map<String, String> provenance,
                                  List<ModelState> models) {

    public PartitionCheckpoint {
        // written into the manifest as it is held: whatever the caller passed, no secret value reaches the disk
        provenance = Map.copyOf(SecretKeys.redacted(provenance));
        models = List.copyOf(models);
    }

    /** One (stream, variant) model: its parameters and its serialised training state. */
    public record ModelState(String stream, String variant, float[] params, byte[] state) {
    }
}
