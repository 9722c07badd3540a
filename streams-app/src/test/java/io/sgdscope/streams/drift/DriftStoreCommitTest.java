package io.sgdscope.streams.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.streams.support.AppDriver;
import io.sgdscope.streams.wiring.StoreNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift windows' store defers its writes to the commit (DeferredWriteStore); TopologyTestDriver
 * commits after every input record, so after each record the changelog must hold the window with
 * that record counted: a deferred write that the commit missed would show as a stale count. The
 * samples are 10 ms apart, well within drift's 1 s check interval, so its punctuation (which reads
 * all windows, and so writes them through) does not write them instead of the commit.
 */
class DriftStoreCommitTest {

    private static final long MINUTE = 60_000;
    private static final long W0 = 1_700_000_000_000L - 1_700_000_000_000L % MINUTE;

    @TempDir
    Path stateDir;

    @Test
    void everyCommitWritesTheOpenWindowAsItIsThen() {
        try (AppDriver app = new AppDriver(Map.of("streams.feature-dimension", "2", "streams.classes", "2",
                "streams.drift.window", "1m"), stateDir)) {
            // Kafka Streams names a changelog <application.id>-<store>-changelog; AppDriver's id is app-test
            String changelog = "app-test-" + StoreNames.DEFAULT.driftWindows() + "-changelog";
            TestOutputTopic<String, WindowAggregate> windows = app.driver.createOutputTopic(changelog,
                    Serdes.String().deserializer(), WindowAggregate.serde().deserializer());
            for (int i = 0; i < 5; i++) {
                app.send(new Sample("s" + i, "teacher", W0 + i * 10L, new float[] {i, -i}, Label.ofClass(i % 2), null));
                List<TestRecord<String, WindowAggregate>> written = windows.readRecordsToList();
                assertThat(written).as("changelog records after sample %d", i).hasSize(1);
                WindowAggregate w = written.get(0).value();
                assertThat(written.get(0).key()).isEqualTo("teacher");
                assertThat(w.windowStartMs).isEqualTo(W0);
                assertThat(w.count).isEqualTo(i + 1);
                assertThat(w.mean[0]).isEqualTo(i / 2.0); // the mean of 0..i
            }
        }
    }
}
