package io.sgdscope.launcher.run;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.TrainerConfig;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What produced a run, Tribuo style: version, start time and every resolved setting with its
 * origin. It is written into checkpoints, so secret values are masked ({@code SecretKeys}).
 */
public final class Provenance {

    private Provenance() {
    }

    public static Map<String, String> of(RawConfig resolved) {
        Map<String, String> m = new TreeMap<>();
        m.put("sgdscope.version", Session.version());
        m.put("started", Instant.now().toString());
        m.put("java.version", System.getProperty("java.version"));
        resolved.redactedEntries().forEach((key, v) -> m.put("config." + key, v.value() + " (" + v.origin() + ")"));
        return m;
    }

    /**
     * As {@link #of(RawConfig)}, plus what the trainer resolved from those keys: every variant's
     * full settings ({@code variant.<name>.<word>}), with aliases and defaults filled in and the
     * executor {@code auto} chose.
     */
    public static Map<String, String> of(RawConfig resolved, TrainerConfig trainer) {
        Map<String, String> m = of(resolved);
        m.putAll(trainer.resolvedSettings());
        return m;
    }
}
