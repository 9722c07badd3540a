package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.ParamLayout;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpectrumTest {

    static DMatrixRMaj gaussian(int rows, int cols, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    /** U (rows x r) times V (r x cols): rank r with probability 1. */
    static DMatrixRMaj rankR(int rows, int cols, int r, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        CommonOps_DDRM.mult(gaussian(rows, r, rng), gaussian(r, cols, rng), m);
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 13, 30})
    void numericalRankOfAConstructedRankRMatrixIsR(int r) {
        DMatrixRMaj m = r == 0 ? new DMatrixRMaj(30, 45) : rankR(30, 45, r, new SplittableRandom(r));
        Spectrum s = Spectrum.of(m);
        assertThat(s.size()).isEqualTo(30);
        assertThat(s.numericalRank(1e-9)).isEqualTo(r);
        // and of its transpose
        assertThat(Spectrum.of(CommonOps_DDRM.transpose(m, null)).numericalRank(1e-9)).isEqualTo(r);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64})
    void identityHasStableAndEffectiveRankN(int n) {
        Spectrum s = Spectrum.of(CommonOps_DDRM.identity(n));
        assertThat(s.stableRank()).isCloseTo(n, within(1e-9 * n));
        assertThat(s.effectiveRank()).isCloseTo(n, within(1e-9 * n));
        assertThat(s.numericalRank(0.5)).isEqualTo(n);
        assertThat(s.spectralNorm()).isCloseTo(1, within(1e-12));
        assertThat(s.frobeniusNorm()).isCloseTo(Math.sqrt(n), within(1e-9));
    }

    @Test
    void rankOneMatrixHasEffectiveAndStableRankOne() {
        SplittableRandom rng = new SplittableRandom(3);
        Spectrum s = Spectrum.of(rankR(20, 12, 1, rng));
        assertThat(s.effectiveRank()).isCloseTo(1, within(1e-9));
        assertThat(s.stableRank()).isCloseTo(1, within(1e-9));
        assertThat(s.numericalRank(1e-9)).isEqualTo(1);
    }

    @Test
    void spectralNormOfADiagonalIsItsLargestMagnitude() {
        // diag(3, -5, 1, 0): σ = 5, 3, 1, 0
        DMatrixRMaj d = CommonOps_DDRM.diag(3, -5, 1, 0);
        Spectrum s = Spectrum.of(d);
        assertThat(s.singularValues()).containsExactly(new double[] {5, 3, 1, 0}, within(1e-12));
        assertThat(s.spectralNorm()).isCloseTo(5, within(1e-12));
        assertThat(s.frobeniusNorm()).isCloseTo(Math.sqrt(35), within(1e-12));
        assertThat(s.stableRank()).isCloseTo(35.0 / 25, within(1e-12));
        // p = (5, 3, 1)/9
        double h = -(5 / 9.0 * Math.log(5 / 9.0) + 3 / 9.0 * Math.log(3 / 9.0) + 1 / 9.0 * Math.log(1 / 9.0));
        assertThat(s.effectiveRank()).isCloseTo(Math.exp(h), within(1e-12));
        assertThat(s.numericalRank(0)).isEqualTo(3);
        assertThat(s.numericalRank(0.5)).isEqualTo(2);
        assertThat(s.eigenvalues()).containsExactly(new double[] {25, 9, 1, 0}, within(1e-10));
    }

    @Test
    void rankOfDiag310IsTwo() {
        assertThat(Spectrum.of(CommonOps_DDRM.diag(3, 1, 0)).numericalRank(1e-12)).isEqualTo(2);
    }

    @Test
    void zeroMatrixHasZeroNormsAndRanks() {
        Spectrum s = Spectrum.of(new DMatrixRMaj(4, 6));
        assertThat(s.singularValues()).containsOnly(0.0);
        assertThat(s.spectralNorm()).isZero();
        assertThat(s.frobeniusNorm()).isZero();
        assertThat(s.stableRank()).isZero();
        assertThat(s.effectiveRank()).isZero();
        assertThat(s.numericalRank(0)).isZero();
        Spectrum empty = Spectrum.of(new DMatrixRMaj(0, 3));
        assertThat(empty.size()).isZero();
        assertThat(empty.spectralNorm()).isZero();
        assertThat(empty.stableRank()).isZero();
    }

    @Test
    void denseLayerSpectrumIsThatOfItsColumnMajorWeights() {
        ModelSpec spec = ModelSpec.parse("mlp:7-5-3,act=relu");
        float[] params = spec.initialParams(11);
        for (ParamLayout.Layer layer : spec.layout().layers()) {
            DMatrixRMaj w = new DMatrixRMaj(layer.nIn(), layer.nOut());
            for (int i = 0; i < layer.nIn(); i++) {
                for (int j = 0; j < layer.nOut(); j++) {
                    w.set(i, j, params[layer.weightIndex(i, j)]);
                }
            }
            float[] before = params.clone();
            Spectrum s = Spectrum.ofDenseLayer(params, layer);
            assertThat(params).isEqualTo(before);
            assertThat(s.singularValues())
                    .containsExactly(Spectrum.of(w).singularValues(), within(1e-9));
            assertThat(s.size()).isEqualTo(Math.min(layer.nIn(), layer.nOut()));
        }
    }

    @Test
    void reusedSvdGivesTheSameSpectrumAndLeavesTheInputAlone() {
        SplittableRandom rng = new SplittableRandom(5);
        DMatrixRMaj a = gaussian(9, 4, rng);
        DMatrixRMaj b = gaussian(9, 4, rng);
        DMatrixRMaj aCopy = a.copy();
        Spectrum.Svd svd = new Spectrum.Svd(9, 4);
        Spectrum first = svd.of(a);
        Spectrum other = svd.of(b);
        assertThat(svd.of(a)).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(a.data).isEqualTo(aCopy.data);
        assertThatThrownBy(() -> svd.of(new DMatrixRMaj(4, 9))).hasMessageContaining("9 x 4");
    }

    @Test
    void rejectsNonFiniteWeightsNamingTheIndex() {
        DMatrixRMaj m = new DMatrixRMaj(2, 2);
        m.data[3] = Double.NaN;
        assertThatThrownBy(() -> Spectrum.of(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matrix[3]");
        ModelSpec spec = ModelSpec.parse("linear:3-2");
        float[] p = new float[spec.layout().numParams()];
        p[1] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> Spectrum.ofDenseLayer(p, spec.layout().output())).hasMessageContaining("params[1]");
        assertThatThrownBy(() -> Spectrum.of(CommonOps_DDRM.identity(2)).numericalRank(-1))
                .hasMessageContaining("tol");
        assertThatThrownBy(() -> new Spectrum(new double[] {1, 2})).hasMessageContaining("descending");
    }

    @Property(tries = 30)
    void rankIsAtMostMinDimensionAndInvariantUnderRotation(@ForAll @IntRange(min = 1, max = 12) int rows,
            @ForAll @IntRange(min = 1, max = 12) int cols, @ForAll @IntRange(min = 0, max = 12) int r,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rank = Math.min(r, Math.min(rows, cols));
        DMatrixRMaj m = rank == 0 ? new DMatrixRMaj(rows, cols) : rankR(rows, cols, rank, rng);
        Spectrum s = Spectrum.of(m);
        assertThat(s.numericalRank(1e-8)).isEqualTo(rank).isLessThanOrEqualTo(Math.min(rows, cols));
        assertThat(s.stableRank()).isBetween(rank == 0 ? 0.0 : 1 - 1e-12, Math.min(rows, cols) + 1e-9);
        assertThat(s.effectiveRank()).isLessThanOrEqualTo(Math.min(rows, cols) + 1e-9);

        // Q m for an orthogonal Q (a Givens rotation of rows 0 and 1) has the same singular values
        if (rows >= 2) {
            double theta = rng.nextDouble(0, 2 * Math.PI);
            DMatrixRMaj q = CommonOps_DDRM.identity(rows);
            q.set(0, 0, Math.cos(theta));
            q.set(0, 1, -Math.sin(theta));
            q.set(1, 0, Math.sin(theta));
            q.set(1, 1, Math.cos(theta));
            DMatrixRMaj rotated = new DMatrixRMaj(rows, cols);
            CommonOps_DDRM.mult(q, m, rotated);
            Spectrum t = Spectrum.of(rotated);
            assertThat(t.numericalRank(1e-8)).isEqualTo(rank);
            double tol = 1e-9 * Math.max(1, s.spectralNorm());
            assertThat(t.singularValues()).containsExactly(s.singularValues(), within(tol));
        }
    }
}
