package io.sgdscope.trainer.insight;

import io.sgdscope.common.Sample;
import io.sgdscope.trainer.eval.ConfusionWindow;
import io.sgdscope.trainer.model.ModelSpec;

/**
 * What the training thread hands to the background metrics computation: a copy of the
 * parameters and the window's samples, so the computation never touches live state.
 *
 * @param teacher the ground-truth weights in effect (beta* of a sparse regression), or null
 * @param updateNorm norm of the last optimizer update, for the update-to-weight ratio
 * @param confusion  a copy of the prequential window's confusion counts (classifiers), or null
 * @param initialParams θ₀, the model's parameters when it was created (kept across restarts), for
 *                      the distance from initialisation; shared, never modified; null if unknown
 */
public record ModelSnapshot(String model, String stream, ModelSpec spec, long step, long samples, long timeMs,
                            double learningRate, double updateNorm, float[] params, Sample[] window,
                            float[] teacher, ConfusionWindow.Counts confusion, float[] initialParams) {

    /** A snapshot without confusion counts or θ₀. */
    public ModelSnapshot(String model, String stream, ModelSpec spec, long step, long samples, long timeMs,
                         double learningRate, double updateNorm, float[] params, Sample[] window, float[] teacher) {
        this(model, stream, spec, step, samples, timeMs, learningRate, updateNorm, params, window, teacher, null, null);
    }

    /** A snapshot without confusion counts. */
    public ModelSnapshot(String model, String stream, ModelSpec spec, long step, long samples, long timeMs,
                         double learningRate, double updateNorm, float[] params, Sample[] window, float[] teacher,
                         float[] initialParams) {
        this(model, stream, spec, step, samples, timeMs, learningRate, updateNorm, params, window, teacher, null,
                initialParams);
    }

    /** The key of this model on this stream, under which an {@link InsightRunner} keeps its inspector. */
    public String key() {
        return key(model, stream);
    }

    public static String key(String model, String stream) {
        return model + "@" + stream;
    }
}
