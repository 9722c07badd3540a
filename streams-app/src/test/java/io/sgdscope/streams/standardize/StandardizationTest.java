package io.sgdscope.streams.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.streams.support.AppDriver;
import io.sgdscope.streams.wiring.StoreNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardizationTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path stateDir;

    @Test
    void featuresAreStandardisedWithTheRunningMomentsOfTheirStream() {
        try (AppDriver app = new AppDriver(Map.of("streams.feature-dimension", "2", "streams.standardize", "true"), stateDir)) {
            for (int k = 1; k <= 3; k++) {
                app.send(new Sample("a" + k, "s", T0 + k, new float[] {k, 5}, Label.ofClass(0), null, 10 + k));
            }
            app.send(new Sample("b", "other", T0 + 4, new float[] {100, 100}, Label.ofClass(0), null));

            List<Sample> out = app.clean.readValuesToList();
            // x = 1, 2, 3: after each, mean 1, 1.5, 2 and sample variance 0, 0.5, 1
            assertThat(out.get(0).features()[0]).isEqualTo(0f);
            assertThat((double) out.get(1).features()[0]).isCloseTo(0.5 / Math.sqrt(0.5), within(1e-6));
            assertThat((double) out.get(2).features()[0]).isCloseTo(1.0, within(1e-6));
            assertThat(out.get(2).features()[1]).as("a constant feature is only centred").isEqualTo(0f);
            assertThat(out.get(3).features()).as("each stream has its own moments").containsExactly(0f, 0f);
            assertThat(out.get(2).id()).isEqualTo("a3");
            assertThat(out.get(2).label()).isEqualTo(Label.ofClass(0));
            assertThat(out.get(2).index()).as("the position in the stream is carried").isEqualTo(13);
            assertThat(out.get(3).hasIndex()).isFalse();

            KeyValueStore<String, RunningMoments> store = app.driver.getKeyValueStore(StoreNames.DEFAULT.moments());
            RunningMoments m = store.get("s");
            assertThat(m.count()).isEqualTo(3);
            assertThat(m.mean(0)).isCloseTo(2.0, within(1e-12));
            assertThat(m.variance(0)).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void aJoinedCopyIsStandardisedWithTheCurrentMomentsWithoutBeingAddedAgain() {
        try (AppDriver app = new AppDriver(Map.of("streams.feature-dimension", "2", "streams.standardize", "true"), stateDir)) {
            app.send(new Sample("a", "s", T0, new float[] {1, 5}, null, null));
            app.send(new Sample("b", "s", T0 + 1, new float[] {3, 5}, Label.ofClass(0), null));
            app.sendLabel(new io.sgdscope.common.LabelRecord("a", "s", Label.ofClass(1), T0 + 2));

            List<Sample> out = app.clean.readValuesToList();
            assertThat(out).extracting(Sample::id).containsExactly("a", "b", "a");
            Sample joined = out.get(2);
            assertThat(joined.joined()).isTrue();
            // moments over x = 1, 3 only: mean 2, sample variance 2; a's 1 standardises to -1/sqrt(2)
            assertThat((double) joined.features()[0]).isCloseTo(-1 / Math.sqrt(2), within(1e-6));
            KeyValueStore<String, RunningMoments> store = app.driver.getKeyValueStore(StoreNames.DEFAULT.moments());
            assertThat(store.get("s").count()).isEqualTo(2);
        }
    }

    @Test
    void withoutStandardisationFeaturesPassUnchanged() {
        try (AppDriver app = new AppDriver(Map.of("streams.feature-dimension", "2"), stateDir)) {
            app.send(new Sample("a", "s", T0, new float[] {3, 4}, Label.ofClass(0), null));
            assertThat(app.clean.readValue().features()).containsExactly(3f, 4f);
        }
    }
}
