package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.trainer.TrainerConfig;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Run the online trainer against --bootstrap-servers, consuming samples.clean.")
public final class TrainCommand extends ServiceCommand {

    @Option(names = "--learning-rate", paramLabel = "ETA", description = "SGD step size. Default: 0.05.")
    Double learningRate;

    @Option(names = "--group-id", description = "Consumer group. Default: sgdscope-trainer.")
    String groupId;

    @Option(names = "--dimension", paramLabel = "D", description = "Feature count of the model. Default: 64.")
    Integer dimension;

    @Override
    void addFlags(Map<String, String> flags) {
        Flags.put(flags, TrainerConfig.LEARNING_RATE, learningRate);
        Flags.put(flags, TrainerConfig.GROUP_ID, groupId);
        Flags.put(flags, TrainerConfig.DIMENSION, dimension);
    }

    @Override
    Consumer<PipelineParts> prepare(RawConfig raw) {
        TrainerConfig cfg = TrainerConfig.from(raw);
        return parts -> parts.startTrainer(cfg);
    }
}
