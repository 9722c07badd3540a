package io.sgdscope.experiment;

import io.sgdscope.trainer.eval.ConfusionMatrix;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.SpectralDensity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a run's last metrics snapshot holds beyond numbers: the bounded confusion matrices of the
 * prequential window (against the observed and the clean labels) and each dense layer's spectral
 * density. Kept out of {@code curves.csv} (a matrix or histogram has no fixed column count) and
 * drawn by the report instead.
 *
 * @param step     the step of the snapshot, or -1 for a run with none
 * @param observed the window's confusion against the labels trained on, {@link ConfusionMatrix#EMPTY} if none
 * @param clean    against the clean labels, {@link ConfusionMatrix#EMPTY} when the scenario gives none
 * @param spectra  the layers that have a spectrum, in layer order
 */
public record RunEnd(long step, ConfusionMatrix observed, ConfusionMatrix clean, List<LayerSpectrum> spectra) {

    public static final RunEnd NONE = new RunEnd(-1, ConfusionMatrix.EMPTY, ConfusionMatrix.EMPTY, List.of());

    /** One layer's eigenvalue spectral density. */
    public record LayerSpectrum(int layer, SpectralDensity density) {
        public LayerSpectrum {
            Objects.requireNonNull(density, "density");
        }
    }

    public RunEnd {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(clean, "clean");
        spectra = List.copyOf(spectra);
    }

    /** The end of a run whose last snapshot is {@code last}. */
    public static RunEnd of(InsightReport last) {
        List<LayerSpectrum> spectra = new ArrayList<>();
        for (InsightReport.LayerInsight l : last.layers()) {
            if (l.spectrum() != null) {
                spectra.add(new LayerSpectrum(l.index(), l.spectrum()));
            }
        }
        return new RunEnd(last.step(), last.classification().observed(), last.classification().clean(), spectra);
    }

    /** The spectrum of layer {@code index}, or null. */
    public SpectralDensity spectrum(int index) {
        return spectra.stream().filter(s -> s.layer() == index).map(LayerSpectrum::density).findFirst().orElse(null);
    }
}
