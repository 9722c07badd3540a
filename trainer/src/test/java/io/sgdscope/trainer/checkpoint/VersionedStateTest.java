package io.sgdscope.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header around a model's checkpointed state: versions written, old ones read, unknown and damaged ones refused. */
class VersionedStateTest {

    @Test
    void theVersionIsWrittenAheadOfTheBodyAndReadBack() throws IOException {
        byte[] state = VersionedState.write(2, out -> out.writeLong(42));
        assertThat(state).hasSize(8 + 8);
        assertThat(VersionedState.open(state).version()).isEqualTo(2);
        List<Object> read = new ArrayList<>();
        VersionedState.read(state, 2, (version, in) -> {
            read.add(version);
            read.add(in.readLong());
        });
        assertThat(read).containsExactly(2, 42L);
    }

    @Test
    void aStateWithoutHeaderIsVersionOne() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(3); // a version-1 state starts with the step count
            out.writeDouble(0.5);
        }
        List<Object> read = new ArrayList<>();
        VersionedState.read(bytes.toByteArray(), 2, (version, in) -> {
            read.add(version);
            read.add(in.readLong());
            read.add(in.remaining());
            read.add(in.readDouble());
        });
        assertThat(read).containsExactly(VersionedState.UNVERSIONED, 3L, 8, 0.5);
    }

    @Test
    void aNewerVersionIsRefusedByName() {
        byte[] state = VersionedState.write(3, out -> out.writeLong(1));
        assertThatThrownBy(() -> VersionedState.read(state, 2, (v, in) -> in.readLong()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("layout version 3")
                .hasMessageContaining("versions 1 to 2")
                .hasMessageContaining("newer sgdscope");
    }

    @Test
    void aTruncatedOrOverlongBodyIsRefused() {
        byte[] state = VersionedState.write(2, out -> {
            out.writeLong(1);
            out.writeLong(2);
        });
        assertThatThrownBy(() -> VersionedState.read(java.util.Arrays.copyOf(state, state.length - 1), 2, (v, in) -> {
            in.readLong();
            in.readLong();
        })).isInstanceOf(IOException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> VersionedState.read(state, 2, (v, in) -> in.readLong()))
                .isInstanceOf(IOException.class).hasMessageContaining("8 bytes after its last field");
    }

    @Test
    void onlyVersionsAfterTheUnversionedOneAreFramed() {
        assertThatThrownBy(() -> VersionedState.write(1, out -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
