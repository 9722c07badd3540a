package io.sgdscope.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints through the real DL4J model-file format on a real filesystem. */
class CheckpointStoreTest {

    static final ModelSpec SPEC = ModelSpec.parse("mlp:4-8-3,act=tanh");

    @TempDir
    Path root;

    CheckpointStore store(int keep) {
        return new CheckpointStore(root, keep, new Dl4jBackend().fileFormat(), variant -> SPEC);
    }

    static PartitionCheckpoint checkpointAt(long offset) {
        float[] params = SPEC.initialParams(offset);
        params[0] = Float.intBitsToFloat(0x7F7FFFFF); // the largest float: a round trip must be bit-exact
        params[1] = -0.0f;
        return new PartitionCheckpoint("samples.clean", 0, offset, Map.of("seed", "7"), List.of(
                new PartitionCheckpoint.ModelState("teacher", "sgd", params, new byte[] {1, 2, 3, (byte) offset})));
    }

    @Test
    void aWrittenCheckpointReadsBackExactly() {
        CheckpointStore store = store(3);
        store.write(checkpointAt(100));
        PartitionCheckpoint read = store.latest("samples.clean", 0).orElseThrow();
        PartitionCheckpoint.ModelState m = read.models().get(0);
        assertThat(read.nextOffset()).isEqualTo(100);
        assertThat(read.provenance()).containsEntry("seed", "7");
        assertThat(m.stream()).isEqualTo("teacher");
        assertThat(m.variant()).isEqualTo("sgd");
        float[] expected = checkpointAt(100).models().get(0).params();
        assertThat(m.params()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToRawIntBits(m.params()[i])).isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
        assertThat(m.state()).containsExactly(1, 2, 3, 100);
    }

    @Test
    void theNewestIntactCheckpointWinsAndOldOnesArePruned() {
        CheckpointStore store = store(2);
        for (long offset : new long[] {10, 20, 30}) {
            store.write(checkpointAt(offset));
        }
        assertThat(CheckpointStore.checkpoints(store.directoryOf("samples.clean", 0))).hasSize(2);
        assertThat(store.latest("samples.clean", 0).orElseThrow().nextOffset()).isEqualTo(30);
        assertThat(store.latest("samples.clean", 1)).isEmpty();
    }

    @Test
    void aCorruptCheckpointIsSkippedForTheOneBefore() throws IOException {
        CheckpointStore store = store(3);
        store.write(checkpointAt(10));
        Path newest = store.write(checkpointAt(20));
        Path state = newest.resolve("state-0.bin");
        byte[] bytes = Files.readAllBytes(state);
        bytes[0] ^= 1;
        Files.write(state, bytes);
        assertThat(store.latest("samples.clean", 0).orElseThrow().nextOffset()).isEqualTo(10);
    }

    @Test
    void aTruncatedModelFileOrMissingManifestIsSkipped() throws IOException {
        CheckpointStore store = store(5);
        store.write(checkpointAt(10));
        Path truncated = store.write(checkpointAt(20));
        Path model = truncated.resolve("model-0.zip");
        Files.write(model, java.util.Arrays.copyOf(Files.readAllBytes(model), 50));
        Path noManifest = store.write(checkpointAt(30));
        Files.delete(noManifest.resolve(CheckpointStore.MANIFEST));
        assertThat(store.latest("samples.clean", 0).orElseThrow().nextOffset()).isEqualTo(10);
    }

    @Test
    void aHalfWrittenTemporaryDirectoryIsNeverReadAndIsCleanedUp() throws IOException {
        CheckpointStore store = store(3);
        Path dir = store.directoryOf("samples.clean", 0);
        Files.createDirectories(dir.resolve(".tmp-crashed"));
        Files.writeString(dir.resolve(".tmp-crashed").resolve("manifest.json"), "{");
        assertThat(store.latest("samples.clean", 0)).isEmpty();
        store.write(checkpointAt(5));
        assertThat(Files.exists(dir.resolve(".tmp-crashed"))).isFalse();
        assertThat(store.latest("samples.clean", 0).orElseThrow().nextOffset()).isEqualTo(5);
    }
}
