package io.sgdscope.launcher.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.JarProcess;
import io.sgdscope.trainer.checkpoint.CheckpointStore;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The packaged trainer in its own JVM, for the recovery tests: run to the end of its input, or
 * killed with SIGKILL (no shutdown hook, no final checkpoint) once a scrape of its metrics says so.
 */
final class TrainerProcesses {

    private TrainerProcesses() {
    }

    /** Runs {@code train} to the end of its input ({@code --stop-at-end}); its stderr. */
    static List<String> runToEnd(String... args) throws Exception {
        try (JarProcess run = JarProcess.launch(args)) {
            awaitExit(run, 0);
            return List.copyOf(run.stderr());
        }
    }

    /**
     * Starts {@code train}, scrapes its metrics until {@code due} holds, and SIGKILLs it then.
     *
     * @return the scrape on which it was killed
     */
    static String sigkillWhen(Predicate<String> due, String what, String... args) throws Exception {
        try (JarProcess run = JarProcess.launch(args)) {
            HttpRequest scrape = HttpRequest.newBuilder(URI.create(run.awaitMetricsUrl())).build();
            HttpClient http = HttpClient.newHttpClient();
            AtomicReference<String> last = new AtomicReference<>("");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!run.process().isAlive()) {
                    return true;
                }
                last.set(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body());
                return due.test(last.get());
            });
            assertThat(run.process().isAlive()).as("still training when %s", what).isTrue();
            run.process().destroyForcibly(); // SIGKILL
            assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(run.process().exitValue()).isEqualTo(137);
            return last.get();
        }
    }

    static void awaitExit(JarProcess p, int code) throws InterruptedException {
        assertThat(p.process().waitFor(180, TimeUnit.SECONDS)).as("finished; stderr:%n%s",
                String.join("\n", p.stderr())).isTrue();
        assertThat(p.process().exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s",
                String.join("\n", p.stdout()), String.join("\n", p.stderr())).isEqualTo(code);
    }

    /** The newest checkpoint in {@code dir} of samples.clean's only partition. */
    static PartitionCheckpoint latestCheckpoint(Path dir, Topics topics) {
        return new CheckpointStore(dir, 10, new Dl4jBackend().fileFormat(), v -> null)
                .latest(topics.samplesClean().name(), 0).orElseThrow();
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
