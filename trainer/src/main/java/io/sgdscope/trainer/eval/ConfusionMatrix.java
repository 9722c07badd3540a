package io.sgdscope.trainer.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Counts of (actual, predicted) class pairs: {@code counts[i][j]} samples of actual class
 * {@code classes[i]} predicted as {@code classes[j]}. Immutable once built (the arrays are not
 * handed out for writing). A matrix {@link #reduced to a bounded label set} may end in the
 * {@link #OTHER} class, which pools every class not listed.
 *
 * <p>Cohen's κ and macro-F1 are computed from the counts; {@link #toMarkdown()} is what a report
 * prints.
 */
public record ConfusionMatrix(List<String> classes, long[][] counts) {

    /** The pooled label of the classes a reduced matrix does not list. */
    public static final String OTHER = "other";
    public static final ConfusionMatrix EMPTY = new ConfusionMatrix(List.of(), new long[0][0]);

    public ConfusionMatrix {
        classes = List.copyOf(classes);
        if (counts.length != classes.size()) {
            throw new IllegalArgumentException(counts.length + " rows for " + classes.size() + " classes");
        }
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != classes.size()) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " columns, expected "
                        + classes.size());
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    /** A matrix of classes {@code 0..k-1} from row-major counts {@code flat[i*k + j]}. */
    public static ConfusionMatrix ofClasses(int k, long[] flat) {
        if (flat.length != k * k) {
            throw new IllegalArgumentException(flat.length + " counts for " + k + " classes");
        }
        long[][] c = new long[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(flat, i * k, c[i], 0, k);
        }
        return new ConfusionMatrix(IntStream.range(0, k).mapToObj(Integer::toString).toList(), c);
    }

    public int size() {
        return classes.size();
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    /** The share of all counted samples in one cell; NaN for an empty matrix. */
    public double ratio(int actual, int predicted) {
        long n = total();
        return n == 0 ? Double.NaN : (double) counts[actual][predicted] / n;
    }

    /** Σ C_ii / n; NaN for an empty matrix. */
    public double accuracy() {
        long n = total();
        if (n == 0) {
            return Double.NaN;
        }
        long agree = 0;
        for (int i = 0; i < counts.length; i++) {
            agree += counts[i][i];
        }
        return (double) agree / n;
    }

    /**
     * Cohen's κ = (p_o − p_e)/(1 − p_e) with p_o the accuracy and p_e = Σ_i r_i c_i / n² the agreement
     * expected by chance from the row (actual) and column (predicted) totals. NaN when empty or
     * when p_e = 1 (one class only, actual and predicted: κ is undefined, as in scikit-learn).
     */
    public double kappa() {
        long n = total();
        if (n == 0) {
            return Double.NaN;
        }
        double nn = (double) n * n;
        double expected = 0;
        for (int i = 0; i < counts.length; i++) {
            expected += rowTotal(i) * (double) columnTotal(i) / nn;
        }
        if (expected >= 1) {
            return Double.NaN;
        }
        return (accuracy() - expected) / (1 - expected);
    }

    /**
     * The mean over classes of F1 = 2TP/(2TP + FP + FN), over the classes that occur in the window as
     * actual or predicted (River's MacroF1 averages over the classes it has seen; a class absent from
     * both would add an undefined 0/0). NaN for an empty matrix.
     */
    public double macroF1() {
        double sum = 0;
        int seen = 0;
        for (int c = 0; c < counts.length; c++) {
            long tp = counts[c][c];
            long fn = rowTotal(c) - tp;
            long fp = columnTotal(c) - tp;
            long denominator = 2 * tp + fp + fn;
            if (denominator > 0) {
                sum += 2.0 * tp / denominator;
                seen++;
            }
        }
        return seen == 0 ? Double.NaN : sum / seen;
    }

    public long rowTotal(int actual) {
        long s = 0;
        for (long v : counts[actual]) {
            s += v;
        }
        return s;
    }

    public long columnTotal(int predicted) {
        long s = 0;
        for (long[] row : counts) {
            s += row[predicted];
        }
        return s;
    }

    /**
     * This matrix with at most {@code maxClasses} labels: unchanged if it has no more, else the
     * {@code maxClasses − 1} classes with the most actual samples (ties to the earlier class), in
     * their original order, and {@link #OTHER} pooling the rest as actual and as predicted. κ and F1
     * of a reduced matrix are not those of the full one: compute them first.
     */
    public ConfusionMatrix reduced(int maxClasses) {
        if (maxClasses < 2) {
            throw new IllegalArgumentException("maxClasses must be >= 2, got " + maxClasses);
        }
        int k = counts.length;
        if (k <= maxClasses) {
            return this;
        }
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong((Integer c) -> -rowTotal(c)).thenComparingInt(c -> c));
        int kept = maxClasses - 1;
        int[] slot = new int[k];
        Arrays.fill(slot, kept);
        Integer[] top = Arrays.copyOf(order, kept);
        Arrays.sort(top);
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < kept; s++) {
            slot[top[s]] = s;
            labels.add(classes.get(top[s]));
        }
        labels.add(OTHER);
        long[][] c = new long[maxClasses][maxClasses];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                c[slot[i]][slot[j]] += counts[i][j];
            }
        }
        return new ConfusionMatrix(labels, c);
    }

    /**
     * A Markdown table: one row per actual class, one column per predicted class, each cell the
     * share of all counted samples (3 decimals), then the row's total count.
     */
    public String toMarkdown() {
        if (classes.isEmpty()) {
            return "(no classified samples)\n";
        }
        long n = total();
        StringBuilder sb = new StringBuilder("| actual \\ predicted |");
        classes.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append(" n |\n|---|");
        classes.forEach(c -> sb.append("---:|"));
        sb.append("---:|\n");
        for (int i = 0; i < classes.size(); i++) {
            sb.append("| ").append(classes.get(i)).append(" |");
            for (int j = 0; j < classes.size(); j++) {
                sb.append(' ').append(n == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) counts[i][j] / n))
                        .append(" |");
            }
            sb.append(' ').append(rowTotal(i)).append(" |\n");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && classes.equals(m.classes) && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classes.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + classes + Arrays.deepToString(counts);
    }
}
