package io.sgdscope.trainer.insight;

import java.util.Arrays;

/**
 * WeightWatcher's view of one dense layer: the empirical spectral density (ESD) of its
 * eigenvalues λ = σ² (the squared singular values of W, i.e. the eigenvalues of WᵀW, not divided
 * by N) as a log-binned histogram, the fitted power law of its tail ({@link PowerLawFit}), the
 * weighted α and the outliers beyond the Marchenko–Pastur bulk (trainer/METRICS.md).
 *
 * <p><b>Histogram.</b> {@code edges} are log-spaced from the smallest positive eigenvalue to the
 * largest ({@link #bins} bins, the last closed); zero eigenvalues are not binned. {@code fitCounts}
 * is what the fit predicts per bin: tail · (P(b) − P(a)) for the bin [a, b] with the Pareto CDF
 * P(λ) = 1 − (λ/xmin)^(1−α) above xmin (0 below), empty without a fit.
 *
 * <p><b>Marchenko–Pastur.</b> W is N x M with N = max(nIn, nOut) and M = min(nIn, nOut) (the
 * number of eigenvalues). Were its entries i.i.d. of variance s², the eigenvalues of WᵀW would
 * fill [s²(√N − √M)², s²(√N + √M)²] (for X = WᵀW/N this is the usual s²(1 ± √(M/N))²), with mean
 * s²N. s² is estimated from the bulk: starting from all eigenvalues, s² = (mean of the bulk
 * eigenvalues)/N, then the eigenvalues above the threshold are set aside and s² re-estimated,
 * until the set stops changing. An eigenvalue is an outlier when it exceeds the edge by more than
 * {@link #TW_MARGIN} Tracy–Widom scale units (Johnstone 2001: centre s²(√(N−1) + √M)², scale
 * s²(√(N−1) + √M)(1/√(N−1) + 1/√M)^(1/3)), so that the largest bulk eigenvalue's finite-size
 * fluctuation above the edge is not counted (it would be, about half of the time).
 *
 * @param edges        bin edges, ascending, one more than {@code counts}
 * @param counts       eigenvalues per bin
 * @param fitCounts    the fitted power law's expected count per bin, or empty
 * @param alpha        the fitted exponent, NaN without a fit
 * @param xmin         the fit's lower end
 * @param ks           the fit's Kolmogorov–Smirnov distance
 * @param tail         eigenvalues ≥ xmin
 * @param lambdaMax    the largest eigenvalue, σmax²
 * @param alphaWeighted α · log10(λmax), WeightWatcher's weighted α
 * @param mpVariance   s², the entry variance estimated from the bulk
 * @param mpEdge       s²(√N + √M)², the bulk's upper edge
 * @param outliers     eigenvalues beyond the edge and its Tracy–Widom margin
 */
public record SpectralDensity(double[] edges, int[] counts, double[] fitCounts, double alpha, double xmin, double ks,
                              int tail, double lambdaMax, double alphaWeighted, double mpVariance, double mpEdge,
                              int outliers) {

    /** Tracy–Widom scale units above the edge for an eigenvalue to count as an outlier (TW₁'s 99.9% point is about 3.3). */
    public static final double TW_MARGIN = 3.3;
    private static final int MAX_REFITS = 50;

    public SpectralDensity {
        edges = edges.clone();
        counts = counts.clone();
        fitCounts = fitCounts.clone();
        if (counts.length > 0 && edges.length != counts.length + 1) {
            throw new IllegalArgumentException("edges must have one more value than counts, got " + edges.length
                    + " and " + counts.length);
        }
    }

    /**
     * The density of the eigenvalues of one layer's N x M weights.
     *
     * @param eigenvalues λ = σ², any order, finite and >= 0 ({@link Spectrum#eigenvalues()})
     * @param rows        one dimension of W
     * @param cols        the other
     */
    public static SpectralDensity of(double[] eigenvalues, int rows, int cols) {
        int n = Math.max(rows, cols);
        int m = Math.min(rows, cols);
        if (eigenvalues.length != m) {
            throw new IllegalArgumentException(rows + " x " + cols + " weights have " + m + " eigenvalues, got "
                    + eigenvalues.length);
        }
        double[] sorted = eigenvalues.clone();
        for (int i = 0; i < sorted.length; i++) {
            Args.finite(sorted[i], "eigenvalues", i);
        }
        Arrays.sort(sorted);
        double lambdaMax = m == 0 ? Double.NaN : sorted[m - 1];
        PowerLawFit.Fit fit = PowerLawFit.fit(sorted);
        double[] edges = edges(sorted);
        int[] counts = counts(sorted, edges);
        double[] fitCounts = fit.isValid() ? fitCounts(edges, fit) : new double[0];
        double weighted = fit.isValid() && lambdaMax > 0 ? fit.alpha() * Math.log10(lambdaMax) : Double.NaN;

        double variance = Double.NaN;
        double edge = Double.NaN;
        int outliers = 0;
        if (m > 1 && lambdaMax > 0) {
            int bulk = m;
            for (int round = 0; round < MAX_REFITS; round++) {
                double sum = 0;
                for (int i = 0; i < bulk; i++) {
                    sum += sorted[i];
                }
                variance = sum / bulk / n;
                double threshold = outlierThreshold(variance, n, m);
                int inside = bulk;
                // sorted ascending: the bulk is a prefix; it can grow back if s² rose, never past m
                while (inside < m && sorted[inside] <= threshold) {
                    inside++;
                }
                while (inside > 1 && sorted[inside - 1] > threshold) {
                    inside--;
                }
                if (inside == bulk) {
                    break;
                }
                bulk = inside;
            }
            edge = variance * square(Math.sqrt(n) + Math.sqrt(m));
            outliers = m - bulk;
        }
        return new SpectralDensity(edges, counts, fitCounts, fit.alpha(), fit.xmin(), fit.ks(), fit.tail(), lambdaMax,
                weighted, variance, edge, outliers);
    }

    /** The value above which an eigenvalue is an outlier, for entry variance s² and N x M weights. */
    static double outlierThreshold(double variance, int n, int m) {
        double a = Math.sqrt(Math.max(n - 1, 1));
        double b = Math.sqrt(m);
        double centre = square(a + b);
        double scale = (a + b) * Math.cbrt(1 / a + 1 / b);
        return variance * Math.max(centre + TW_MARGIN * scale, square(Math.sqrt(n) + b));
    }

    /** Bins: about two per √(positive eigenvalues), between 4 and 40. */
    static int bins(int positive) {
        return Math.max(4, Math.min(40, (int) Math.ceil(2 * Math.sqrt(positive))));
    }

    private static double[] edges(double[] sorted) {
        int first = 0;
        while (first < sorted.length && sorted[first] <= 0) {
            first++;
        }
        int positive = sorted.length - first;
        if (positive == 0) {
            return new double[0];
        }
        double lo = Math.log10(sorted[first]);
        double hi = Math.log10(sorted[sorted.length - 1]);
        if (hi - lo < 1e-9) {
            // one distinct value: one bin a tenth of a decade either side
            return new double[] {Math.pow(10, lo - 0.1), Math.pow(10, hi + 0.1)};
        }
        int k = bins(positive);
        double[] e = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            e[i] = Math.pow(10, lo + (hi - lo) * i / k);
        }
        // exact ends, so the smallest and largest eigenvalues fall inside despite pow's rounding
        e[0] = sorted[first];
        e[k] = sorted[sorted.length - 1];
        return e;
    }

    private static int[] counts(double[] sorted, double[] edges) {
        if (edges.length == 0) {
            return new int[0];
        }
        int k = edges.length - 1;
        int[] c = new int[k];
        for (double v : sorted) {
            if (v <= 0) {
                continue;
            }
            int i = Arrays.binarySearch(edges, v);
            int bin = i >= 0 ? i : -i - 2; // the bin whose lower edge is at or below v
            c[Math.max(0, Math.min(k - 1, bin))]++;
        }
        return c;
    }

    private static double[] fitCounts(double[] edges, PowerLawFit.Fit fit) {
        if (edges.length == 0) {
            return new double[0];
        }
        double[] f = new double[edges.length - 1];
        for (int i = 0; i < f.length; i++) {
            f[i] = fit.tail() * (paretoCdf(edges[i + 1], fit) - paretoCdf(edges[i], fit));
        }
        return f;
    }

    private static double paretoCdf(double x, PowerLawFit.Fit fit) {
        return x <= fit.xmin() ? 0 : 1 - Math.pow(x / fit.xmin(), 1 - fit.alpha());
    }

    private static double square(double x) {
        return x * x;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public double[] fitCounts() {
        return fitCounts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpectralDensity s && Arrays.equals(edges, s.edges) && Arrays.equals(counts, s.counts)
                && Arrays.equals(fitCounts, s.fitCounts) && Double.compare(alpha, s.alpha) == 0
                && Double.compare(xmin, s.xmin) == 0 && Double.compare(ks, s.ks) == 0 && tail == s.tail
                && Double.compare(lambdaMax, s.lambdaMax) == 0 && Double.compare(alphaWeighted, s.alphaWeighted) == 0
                && Double.compare(mpVariance, s.mpVariance) == 0 && Double.compare(mpEdge, s.mpEdge) == 0
                && outliers == s.outliers;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges) * 31 + Arrays.hashCode(counts) * 17 + Double.hashCode(alpha) + outliers;
    }

    @Override
    public String toString() {
        return "SpectralDensity[alpha=" + alpha + ", alphaWeighted=" + alphaWeighted + ", outliers=" + outliers
                + ", mpEdge=" + mpEdge + ", bins=" + counts.length + "]";
    }
}
