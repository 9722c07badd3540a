package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.Provenance;
import io.sgdscope.trainer.TrainerConfig;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Run the online trainer against --bootstrap-servers, consuming samples.clean.")
public final class TrainCommand extends ServiceCommand {

    @Mixin
    TrainerOptions trainer;

    @Override
    void addFlags(Map<String, String> flags) {
        trainer.addFlags(flags);
    }

    @Override
    boolean servesDashboard() {
        return true;
    }

    /** Set by {@link #prepare}: the one parse of the trainer's settings. */
    private TrainerConfig parsed;

    @Override
    Consumer<PipelineParts> prepare(RawConfig raw) {
        TrainerConfig cfg = TrainerConfig.from(raw);
        parsed = cfg;
        return parts -> parts.startTrainer(cfg, Provenance.of(raw, cfg));
    }

    @Override
    Map<String, String> resolvedSettings() {
        return parsed.resolvedSettings();
    }
}
