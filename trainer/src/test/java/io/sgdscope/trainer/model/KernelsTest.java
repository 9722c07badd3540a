package io.sgdscope.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scalar and the vector kernels side by side, in one JVM (the surefire runs start it with
 * {@code --add-modules jdk.incubator.vector}), on random data of widths around the vector length.
 *
 * <p>Tolerance of the sums: both kernels add n float products (each an fma) in some order, so by
 * the standard bound for recursive summation (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., eq. 3.5 and section 4.2, which holds for any order of the additions) each
 * is within {@code gamma(n) * sum |a_i b_i|} of the exact sum, gamma(n) = n u / (1 - n u) with
 * u = 2^-24. The test checks each kernel against the sum in double (exact for products of floats,
 * whose 48-bit significands fit a double's 53, up to an error 2^29 times smaller), which also bounds
 * their difference by twice that. The element-wise kernels do the same single rounded multiply or
 * fma per element in both implementations, so they must agree exactly.
 */
class KernelsTest {

    static final int[] WIDTHS = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 129};
    static final double U = Math.ulp(1.0f) / 2;

    private final Kernels scalar = Kernels.scalar();
    private final Kernels vector = Kernels.vector();
    private final SplittableRandom rng = new SplittableRandom(18);

    @Test
    void theTestJvmRunsTheVectorKernels() {
        // the root pom's surefire argLine passes --add-modules jdk.incubator.vector
        assertThat(Kernels.active().name()).startsWith("vector");
        assertThat(vector.name()).startsWith("vector");
        assertThat(scalar.name()).isEqualTo("scalar");
    }

    @Test
    void withoutTheModuleTheChoiceIsScalar() {
        assertThat(KernelChoice.choose(false)).isSameAs(Kernels.scalar());
        assertThat(KernelChoice.choose(true).name()).startsWith("vector");
    }

    @Test
    void columnDotsAreWithinTheSummationBoundOfTheExactSums() {
        for (int nIn : WIDTHS) {
            for (int nOut : new int[] {1, 3, 4, 5, 9}) {
                int off = 3;
                float[] w = random(off + nIn * nOut + 2);
                float[] in = random(nIn);
                float[] zs = new float[nOut];
                float[] zv = new float[nOut];
                scalar.columnDots(w, off, nIn, nOut, in, zs);
                vector.columnDots(w, off, nIn, nOut, in, zv);
                for (int j = 0; j < nOut; j++) {
                    double exact = 0;
                    double abs = 0;
                    for (int i = 0; i < nIn; i++) {
                        double prod = (double) w[off + j * nIn + i] * in[i];
                        exact += prod;
                        abs += Math.abs(prod);
                    }
                    double bound = gamma(nIn) * abs + 1e-300;
                    assertThat((double) zs[j]).as("scalar, nIn=%d nOut=%d j=%d", nIn, nOut, j)
                            .isCloseTo(exact, within(bound));
                    assertThat((double) zv[j]).as("vector, nIn=%d nOut=%d j=%d", nIn, nOut, j)
                            .isCloseTo(exact, within(bound));
                }
            }
        }
    }

    @Test
    void scaledColumnsAgreeExactly() {
        for (int n : WIDTHS) {
            int col = 5;
            float[] in = random(n);
            float[] w = random(col + n + 1);
            float d = (float) rng.nextGaussian();
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] g0 = random(col + n + 1);
                float[] below0 = random(n);
                float[] gs = g0.clone();
                float[] gv = g0.clone();
                scalar.scaledColumn(in, d, gs, col, n, accumulate);
                vector.scaledColumn(in, d, gv, col, n, accumulate);
                assertThat(gv).as("scaledColumn n=%d accumulate=%s", n, accumulate).containsExactly(gs);
                assertThat(gs[col]).isEqualTo(accumulate ? Math.fma(in[0], d, g0[col]) : in[0] * d);
                assertThat(gs[col - 1]).as("outside the column").isEqualTo(g0[col - 1]);
                assertThat(gs[col + n]).as("outside the column").isEqualTo(g0[col + n]);

                gs = g0.clone();
                gv = g0.clone();
                float[] bs = below0.clone();
                float[] bv = below0.clone();
                scalar.scaledColumnAndBack(in, d, w, gs, col, bs, n, accumulate);
                vector.scaledColumnAndBack(in, d, w, gv, col, bv, n, accumulate);
                assertThat(gv).as("scaledColumnAndBack g, n=%d accumulate=%s", n, accumulate).containsExactly(gs);
                assertThat(bv).as("scaledColumnAndBack below, n=%d accumulate=%s", n, accumulate)
                        .containsExactly(bs);
                assertThat(bs[n - 1]).isEqualTo(Math.fma(w[col + n - 1], d, below0[n - 1]));
            }
        }
    }

    @Test
    void fusedDescentStepsEveryWeightWithTheOldWeightsPassedDown() {
        for (int n : WIDTHS) {
            int col = 3;
            float[] in = random(n);
            float[] w0 = random(col + n + 1);
            float[] below0 = random(n);
            float d = (float) rng.nextGaussian();
            float step = -0.05f * d;
            float[] ws = w0.clone();
            float[] wv = w0.clone();
            float[] bs = below0.clone();
            float[] bv = below0.clone();
            scalar.descendColumnAndBack(in, d, step, ws, col, bs, n);
            vector.descendColumnAndBack(in, d, step, wv, col, bv, n);
            assertThat(wv).as("weights, n=%d", n).containsExactly(ws);
            assertThat(bv).as("below, n=%d", n).containsExactly(bs);
            for (int i = 0; i < n; i++) {
                // below takes W before the step; W moves by in * step
                assertThat(bs[i]).isEqualTo(Math.fma(w0[col + i], d, below0[i]));
                assertThat(ws[col + i]).isEqualTo(Math.fma(in[i], step, w0[col + i]));
            }
            assertThat(ws[col - 1]).as("outside the column").isEqualTo(w0[col - 1]);
            assertThat(ws[col + n]).as("outside the column").isEqualTo(w0[col + n]);
        }
    }

    @Test
    void zeroClearsExactlyTheRange() {
        for (int n : WIDTHS) {
            for (Kernels k : new Kernels[] {scalar, vector}) {
                float[] g0 = random(n + 4);
                float[] g = g0.clone();
                k.zero(g, 2, n);
                for (int i = 0; i < g.length; i++) {
                    assertThat(g[i]).as("%s n=%d i=%d", k.name(), n, i).isEqualTo(i >= 2 && i < 2 + n ? 0f : g0[i]);
                }
            }
        }
    }

    @Test
    void reluBackwardsAgreeExactly() {
        for (int n : WIDTHS) {
            float[] z = random(n + 1);
            z[0] = Float.NaN;
            z[n - 1] = 0f;
            float[] d0 = random(n + 1);
            float[] ds = d0.clone();
            float[] dv = d0.clone();
            scalar.reluBackward(z, ds, n);
            vector.reluBackward(z, dv, n);
            assertThat(dv).as("n=%d", n).containsExactly(ds);
            assertThat(ds[0]).as("a NaN pre-activation passes nothing").isEqualTo(0f);
            assertThat(ds[n - 1]).as("nor does 0").isEqualTo(0f);
            assertThat(ds[n]).as("past n").isEqualTo(d0[n]);
            for (int i = 1; i < n - 1; i++) {
                assertThat(ds[i]).isEqualTo(z[i] > 0 ? d0[i] : 0f);
            }
        }
    }

    @Test
    void sumsOfSquaresAreWithinTheSummationBoundOfTheExactSums() {
        for (int n : new int[] {1, 3, 7, 8, 9, 17, 33, 64, 129, 1024}) {
            int from = 2;
            float[] v = random(from + n + 3);
            double exact = 0;
            for (int i = from; i < from + n; i++) {
                exact += (double) v[i] * v[i];
            }
            double bound = gamma(n) * exact;
            assertThat(scalar.sumOfSquares(v, from, from + n)).as("scalar n=%d", n).isCloseTo(exact, within(bound));
            assertThat(vector.sumOfSquares(v, from, from + n)).as("vector n=%d", n).isCloseTo(exact, within(bound));
        }
        float[] huge = {1e30f, 1e30f, 1e30f, 1e30f, 1e30f, 1e30f, 1e30f, 1e30f, 1e30f, 1e30f, 1e30f, 1e30f, 1e30f,
                1e30f, 1e30f, 1e30f, 1e30f, 1e30f};
        assertThat(vector.sumOfSquares(huge, 0, huge.length)).as("a float overflow shows").isInfinite();
        assertThat(scalar.sumOfSquares(huge, 0, huge.length)).as("a float overflow shows").isInfinite();
    }

    /** The bound's factor: n float roundings of relative size at most u each. */
    private static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextGaussian() * Math.exp(rng.nextGaussian()));
        }
        return a;
    }
}
