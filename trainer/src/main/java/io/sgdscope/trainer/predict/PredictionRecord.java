package io.sgdscope.trainer.predict;

import io.sgdscope.trainer.model.Prediction;
import java.util.Objects;

/**
 * One feature-time prediction of one variant's model for one sample.
 *
 * @param sampleId      the sample's id, the key on the predictions topic
 * @param stream        the sample's stream
 * @param variant       the variant whose model predicted
 * @param step          the model's optimizer steps when it predicted; with {@code sampleId} and
 *                      {@code variant} it identifies the prediction, so consumers de-duplicate on it
 * @param prediction    class probabilities, or the value for regression
 * @param sampleTimeMs  the sample's event time
 * @param predictedAtMs wall-clock time of the prediction
 * @param labelled      whether the sample already had its label when predicted (it is then learned at once)
 */
public record PredictionRecord(String sampleId, String stream, String variant, long step, Prediction prediction,
                               long sampleTimeMs, long predictedAtMs, boolean labelled) {

    public PredictionRecord {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(prediction, "prediction");
    }
}
