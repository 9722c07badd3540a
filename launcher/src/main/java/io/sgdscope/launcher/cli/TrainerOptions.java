package io.sgdscope.launcher.cli;

import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.VariantSpec;
import io.sgdscope.trainer.checkpoint.CheckpointConfig;
import io.sgdscope.trainer.predict.PredictionsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The trainer's flags, shared by {@code train} and {@code demo}. */
public final class TrainerOptions {

    @Option(names = "--model", paramLabel = "SPEC",
            description = "Model spec, e.g. linear:64-2, mlp:64-128-2,act=relu,init=0.1, dln:64-1,init=0.01, "
                    + "dl4j:/path/model.zip. Default: " + TrainerConfig.DEFAULT_MODEL + ".")
    String model;

    @Option(names = "--variant", paramLabel = "NAME:OPTS",
            description = "A variant trained side by side, e.g. sam:optimizer=sam,sam-rho=0.05 or "
                    + "sgd-lr0.1:optimizer=sgd,learning-rate=0.1. Repeatable. Options are the words of the trainer.* "
                    + "keys: optimizer, learning-rate, momentum, weight-decay, sam-rho, sam-micro-batch, label-noise, "
                    + "schedule, schedule-steps, schedule-gamma, warmup, batch-size, executor, seed, init, "
                    + "divergence-lr-factor; short aliases: opt, lr, wd, rho, m (sam-micro-batch), noise, gamma, batch.")
    List<String> variants;

    @Option(names = "--executor", paramLabel = "fast|dl4j|auto", description = "Default: auto.")
    String executor;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per step. Default: 1.")
    Integer batchSize;

    @Option(names = "--optimizer", paramLabel = "OPT",
            description = "sgd, momentum, nesterov, sam or label-noise-sgd. Default: sgd.")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "ETA", description = "Step size. Default: 0.05.")
    Double learningRate;

    @Option(names = "--model-seed", paramLabel = "SEED", description = "Seed of initial weights and optimizer noise.")
    Long modelSeed;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Checkpoint here and resume from here.")
    Path checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "SAMPLES", description = "Default: 10000.")
    Long checkpointEvery;

    @Option(names = "--stop-at-end", description = "Stop once the input topic is consumed to its end.")
    Boolean stopAtEnd;

    @Option(names = "--group-id", description = "Consumer group. Default: sgdscope-trainer.")
    String groupId;

    @Option(names = "--metrics-every", paramLabel = "STEPS",
            description = "Compute the model metrics (rank, sparsity, margin, sharpness) every STEPS optimizer steps. Default: 1000.")
    Long metricsEvery;

    @Option(names = "--metrics-interval", paramLabel = "DURATION",
            description = "... but at most once per DURATION (e.g. 2s, 500ms). Default: 2s.")
    String metricsInterval;

    @Option(names = "--metrics-window", paramLabel = "SAMPLES",
            description = "The last SAMPLES samples the model metrics are computed over. Default: 512.")
    Integer metricsWindow;

    @Option(names = "--predictions", paramLabel = "all|unlabelled|none",
            description = "Which feature-time predictions go to the predictions topic: those of samples that arrived "
                    + "unlabelled, of every sample, or none. Default: unlabelled.")
    String predictions;

    void addFlags(Map<String, String> flags) {
        Flags.put(flags, TrainerConfig.MODEL, model);
        Flags.put(flags, TrainerConfig.EXECUTOR, executor);
        Flags.put(flags, TrainerConfig.BATCH_SIZE, batchSize);
        Flags.put(flags, TrainerConfig.OPTIMIZER, optimizer);
        Flags.put(flags, TrainerConfig.LEARNING_RATE, learningRate);
        Flags.put(flags, TrainerConfig.SEED, modelSeed);
        Flags.put(flags, CheckpointConfig.DIR, checkpointDir);
        Flags.put(flags, CheckpointConfig.EVERY_SAMPLES, checkpointEvery);
        Flags.put(flags, TrainerConfig.STOP_AT_END, stopAtEnd);
        Flags.put(flags, TrainerConfig.GROUP_ID, groupId);
        Flags.put(flags, PredictionsConfig.MODE, predictions);
        Flags.put(flags, InsightConfig.EVERY_STEPS, metricsEvery);
        Flags.put(flags, InsightConfig.MIN_INTERVAL, metricsInterval);
        Flags.put(flags, InsightConfig.WINDOW, metricsWindow);
        if (variants != null) {
            for (String v : variants) {
                var nameAndOptions = VariantSpec.splitFlag(v);
                flags.put(TrainerConfig.VARIANTS_PREFIX + nameAndOptions.getKey(), nameAndOptions.getValue());
            }
        }
    }
}
