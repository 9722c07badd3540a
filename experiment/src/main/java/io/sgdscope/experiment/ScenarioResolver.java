package io.sgdscope.experiment;

import io.sgdscope.common.config.RawConfig;
import java.util.Map;

/**
 * Turns an experiment's {@code scenario:} (a built-in name or a file, as {@code --scenario} takes)
 * and the keys the experiment sets over it into one checked config. The launcher answers with its
 * own scenario catalogue and key checks, so {@code experiment} resolves exactly as {@code train} does.
 */
@FunctionalInterface
public interface ScenarioResolver {

    /**
     * @param keys config keys overriding the scenario's ({@code producer.seed}, {@code trainer.variants.sam}, ...)
     * @throws io.sgdscope.common.config.ConfigException for an unknown scenario or a bad key
     */
    RawConfig resolve(String scenario, Map<String, String> keys);
}
