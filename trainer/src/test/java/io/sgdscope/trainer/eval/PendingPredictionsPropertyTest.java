package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.trainer.model.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Bookkeeping that must hold whatever the arrivals, their event times (in order or not) and the labels. */
class PendingPredictionsPropertyTest {

    @Property(tries = 200)
    void everyPredictionIsHeldTakenOrEvictedAndTheStateRoundTrips(@ForAll long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        PendingLimits limits = new PendingLimits(rng.nextInt(50), Duration.ofMillis(1 + rng.nextInt(5_000)));
        PendingPredictions store = new PendingPredictions(limits);
        Set<String> takenIds = new HashSet<>();
        int holds = 0;
        long time = 0;
        for (int i = 0; i < 2_000; i++) {
            // event time mostly moves forward, sometimes back a little (out-of-order arrivals)
            time = Math.max(0, time + rng.nextInt(-50, 200));
            if (holds == 0 || rng.nextInt(3) > 0) {
                store.hold("s" + holds++, time, Prediction.ofProbabilities(0.5, 0.5));
            } else {
                // a label for any sample seen so far, or for one never seen
                String id = "s" + rng.nextInt(holds + 10);
                if (store.take(id) != null) {
                    assertThat(takenIds.add(id)).as("taken once").isTrue();
                    assertThat(Integer.parseInt(id.substring(1))).as("held before").isLessThan(holds);
                }
            }
            assertThat(store.size()).isLessThanOrEqualTo(limits.maxCount());
            assertThat(store.oldestAgeSeconds()).isGreaterThanOrEqualTo(0);
        }
        assertThat(store.size() + store.evicted() + takenIds.size()).as("held, evicted or taken: never lost")
                .isEqualTo(holds);

        ByteArrayOutputStream first = new ByteArrayOutputStream();
        store.writeState(new DataOutputStream(first));
        PendingPredictions restored = new PendingPredictions(limits);
        restored.readState(new DataInputStream(new ByteArrayInputStream(first.toByteArray())));
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        restored.writeState(new DataOutputStream(second));
        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
    }
}
