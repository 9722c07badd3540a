package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.trainer.model.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PendingPredictionsTest {

    private static final Prediction P = Prediction.ofProbabilities(0.3, 0.7);

    @Test
    void theCountLimitEvictsTheOldestArrivalsAndCountsThem() {
        PendingPredictions store = new PendingPredictions(new PendingLimits(3, Duration.ofHours(1)));
        for (int i = 0; i < 5; i++) {
            store.hold("s" + i, i, P);
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.evicted()).isEqualTo(2);
        assertThat(store.take("s0")).isNull();
        assertThat(store.take("s1")).isNull();
        assertThat(store.take("s2")).isEqualTo(new PendingPredictions.Held(P, 2));
        assertThat(store.take("s2")).as("taken once").isNull();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void theAgeLimitEvictsByEventTimeAgainstTheNewestSampleSeen() {
        PendingPredictions store = new PendingPredictions(new PendingLimits(100, Duration.ofSeconds(10)));
        store.hold("a", 0, P);
        store.hold("b", 4_000, P);
        store.advanceTo(10_000);
        assertThat(store.size()).as("a is exactly 10 s old: kept").isEqualTo(2);
        assertThat(store.oldestAgeSeconds()).isEqualTo(10.0);
        store.advanceTo(10_001);
        assertThat(store.take("a")).isNull();
        assertThat(store.evicted()).isEqualTo(1);
        assertThat(store.oldestAgeSeconds()).isEqualTo(6.001);
        store.advanceTo(5_000);
        assertThat(store.oldestAgeSeconds()).as("event time never moves back").isEqualTo(6.001);
        store.hold("late", 20_000, P);
        assertThat(store.take("b")).as("b is now 16 s old").isNull();
        assertThat(store.evicted()).isEqualTo(2);
        assertThat(store.oldestAgeSeconds()).isZero();
    }

    @Test
    void aSampleHeldTwiceKeepsItsFirstPrediction() {
        PendingPredictions store = new PendingPredictions(PendingLimits.DEFAULTS);
        store.hold("a", 1, P);
        store.hold("a", 1, Prediction.ofProbabilities(0.9, 0.1));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.take("a").prediction()).isSameAs(P);
    }

    @Test
    void aZeroCountHoldsNothingAndCountsEveryPredictionEvicted() {
        PendingPredictions store = new PendingPredictions(new PendingLimits(0, Duration.ofHours(1)));
        store.hold("a", 1, P);
        assertThat(store.size()).isZero();
        assertThat(store.evicted()).isEqualTo(1);
    }

    @Test
    void theStateRoundTripsInArrivalOrder() throws IOException {
        PendingPredictions a = new PendingPredictions(new PendingLimits(3, Duration.ofSeconds(100)));
        a.hold("x", 7_000, Prediction.ofValue(1.5));
        a.hold("y", 3_000, P);
        a.hold("z", 9_000, Prediction.ofProbabilities(0.1, 0.2, 0.7));
        a.hold("w", 9_500, P);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));

        PendingPredictions b = new PendingPredictions(new PendingLimits(3, Duration.ofSeconds(100)));
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.evicted()).isEqualTo(1);
        assertThat(b.oldestAgeSeconds()).isEqualTo(a.oldestAgeSeconds());
        // the next arrival evicts the same entry from both: y, the oldest arrival left
        a.hold("v", 9_600, P);
        b.hold("v", 9_600, P);
        assertThat(b.take("y")).isNull();
        PendingPredictions.Held z = b.take("z");
        assertThat(z.sampleTimeMs()).isEqualTo(9_000);
        assertThat(z.prediction().probabilities()).containsExactly(0.1, 0.2, 0.7);
        assertThat(a.take("z").prediction().probabilities()).containsExactly(0.1, 0.2, 0.7);
    }

    @Test
    void restoringIntoSmallerLimitsEvictsWhatTheyNoLongerAllowAndCountsIt() throws IOException {
        PendingPredictions a = new PendingPredictions(new PendingLimits(10, Duration.ofSeconds(100)));
        for (int i = 0; i < 6; i++) {
            a.hold("s" + i, i * 10_000L, P);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        PendingPredictions b = new PendingPredictions(new PendingLimits(4, Duration.ofSeconds(25)));
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        // the count keeps s2..s5, the age (newest 50 s) then keeps s3..s5
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.evicted()).isEqualTo(3);
        assertThat(b.take("s2")).isNull();
        assertThat(b.take("s3")).isNotNull();
    }

    @Test
    void badLimitsNameTheirKeys() {
        assertThatThrownBy(() -> new PendingLimits(-1, Duration.ofHours(1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PendingLimits.MAX_COUNT);
        assertThatThrownBy(() -> new PendingLimits(10, Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PendingLimits.MAX_AGE);
    }
}
