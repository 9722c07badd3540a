package io.sgdscope.launcher.run;

import io.sgdscope.producers.ProducerStats;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.validation.ValidationStats;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.eval.PrequentialSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Prints one line of pipeline progress at a fixed interval, so the demo shows it is alive. */
public final class ProgressReporter implements Runnable {

    private final PrintWriter out;
    private final Duration interval;
    private final ProducerStats producer;
    private final ValidationStats validation;
    private final TrainerStats trainer;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public ProgressReporter(PrintWriter out, Duration interval, ProducerStats producer, ValidationStats validation,
                            TrainerStats trainer) {
        this.out = out;
        this.interval = interval;
        this.producer = producer;
        this.validation = validation;
        this.trainer = trainer;
    }

    @Override
    public void run() {
        try {
            while (!stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                out.println(line());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String line() {
        long dlq = Arrays.stream(DlqReason.values()).mapToLong(validation::rejected).sum();
        StringBuilder sb = new StringBuilder(String.format("produced %,d | valid %,d | dlq %,d",
                producer.acked(), validation.valid(), dlq));
        // one entry per model: a few variants on one stream in the demo
        for (ModelStats m : trainer.models()) {
            ModelStats.Snapshot s = m.snapshot();
            PrequentialSnapshot p = s.prequential();
            var insight = m.insight();
            sb.append(String.format(" | %s: trained %,d, sliding accuracy %.3f, loss %.4f%s%s", m.model(), s.trained(),
                    p.slidingAccuracy(), p.slidingLoss(),
                    insight == null ? "" : String.format(", sharpness %.3g (eos %.2f)", insight.sharpness(),
                            insight.eosRatio()),
                    s.divergences() > 0 ? ", diverged " + s.divergences() : ""));
        }
        return sb.toString();
    }

    public void stop() {
        stopped.countDown();
    }
}
