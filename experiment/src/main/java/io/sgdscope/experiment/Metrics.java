package io.sgdscope.experiment;

import io.sgdscope.trainer.eval.PrequentialSnapshot;
import io.sgdscope.trainer.insight.InsightReport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names of experiments, and the flattening of a snapshot into them. Every numeric
 * component of {@link InsightReport} becomes a metric by record reflection, so a field added there
 * appears here with no edit: kebab-case of the component name, a nested record's fields joined with
 * {@code .} ({@code normalized-margin.min}, {@code holdout.accuracy}, {@code layer0.spectrum.alpha}), each
 * layer's as {@code layerN.} ({@code layer0.feature-rank}). Then the prequential scores, and the derived
 * {@code eos-edge} = 2/η.
 *
 * <p>Only scalars become columns. Arrays, lists and other objects (a confusion matrix's counts, a
 * spectral histogram's bins) have no fixed length, so they are never flattened: the column set
 * depends on the record types and the number of layers alone, whatever the number of classes or
 * bins. The report draws those from each run's last snapshot ({@link RunEnd}). A nested record
 * that is null in a snapshot (a diagonal layer's spectrum) leaves its columns empty.
 */
public final class Metrics {

    /** Not metrics: identity, the row's own columns, and wall-clock values that would make curves irreproducible. */
    private static final Set<String> SKIPPED = Set.of("model", "stream", "step", "samples", "timeMs",
            "computeSeconds", "index", "kind");
    /** The prequential scores, by name: the sliding window's unless the name says otherwise. */
    private static final Map<String, java.util.function.ToDoubleFunction<PrequentialSnapshot>> PREQUENTIAL;
    public static final String EOS_EDGE = "eos-edge";
    private static final Pattern LAYER = Pattern.compile("layer(\\d+)\\.(.+)");

    static {
        Map<String, java.util.function.ToDoubleFunction<PrequentialSnapshot>> m = new LinkedHashMap<>();
        m.put("accuracy", PrequentialSnapshot::slidingAccuracy);
        m.put("loss", PrequentialSnapshot::slidingLoss);
        m.put("accuracy.clean", PrequentialSnapshot::slidingCleanAccuracy);
        m.put("accuracy.cumulative", PrequentialSnapshot::accuracy);
        m.put("loss.cumulative", PrequentialSnapshot::loss);
        m.put("accuracy.fading", PrequentialSnapshot::fadingAccuracy);
        m.put("loss.fading", PrequentialSnapshot::fadingLoss);
        PREQUENTIAL = java.util.Collections.unmodifiableMap(m);
    }

    private static final List<String> REPORT_NAMES = names(InsightReport.class, "");
    private static final List<String> LAYER_FIELDS = names(InsightReport.LayerInsight.class, "");

    private Metrics() {
    }

    /** Every metric of a model with {@code layers} layers, in the fixed column order of {@code curves.csv}. */
    public static List<String> columns(int layers) {
        List<String> out = new ArrayList<>(PREQUENTIAL.keySet());
        out.addAll(REPORT_NAMES);
        for (int i = 0; i < layers; i++) {
            for (String f : LAYER_FIELDS) {
                out.add("layer" + i + "." + f);
            }
        }
        out.add(EOS_EDGE);
        return List.copyOf(out);
    }

    /** The names {@code --metrics} lists: {@link #columns} with one layer shown as {@code layerN.}. */
    public static List<String> documented() {
        List<String> out = new ArrayList<>(PREQUENTIAL.keySet());
        out.addAll(REPORT_NAMES);
        LAYER_FIELDS.forEach(f -> out.add("layerN." + f));
        out.add(EOS_EDGE);
        return out;
    }

    /** Whether {@code name} is a metric of some model (any layer index). */
    public static boolean isKnown(String name) {
        if (PREQUENTIAL.containsKey(name) || REPORT_NAMES.contains(name) || EOS_EDGE.equals(name)) {
            return true;
        }
        Matcher m = LAYER.matcher(name);
        return m.matches() && LAYER_FIELDS.contains(m.group(2));
    }

    /** One snapshot as metric name to value; NaN where the report says so. */
    public static Map<String, Double> flatten(InsightReport report, PrequentialSnapshot prequential) {
        Map<String, Double> out = new LinkedHashMap<>();
        PREQUENTIAL.forEach((name, f) -> out.put(name, f.applyAsDouble(prequential)));
        flattenRecord(report, "", out);
        for (InsightReport.LayerInsight layer : report.layers()) {
            flattenRecord(layer, "layer" + layer.index() + ".", out);
        }
        out.put(EOS_EDGE, report.learningRate() > 0 ? 2 / report.learningRate() : Double.NaN);
        return out;
    }

    private static void flattenRecord(Record r, String prefix, Map<String, Double> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (SKIPPED.contains(c.getName())) {
                continue;
            }
            Object v = value(c, r);
            String name = prefix + kebab(c.getName());
            if (v instanceof Number n) {
                out.put(name, n.doubleValue());
            } else if (v instanceof Record nested) {
                flattenRecord(nested, name + ".", out);
            }
            // arrays, lists, strings and nulls: no column (see the class comment)
        }
    }

    private static List<String> names(Class<?> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (SKIPPED.contains(c.getName())) {
                continue;
            }
            Class<?> t = c.getType();
            String name = prefix + kebab(c.getName());
            if (t == double.class || t == int.class || t == long.class || t == float.class
                    || Number.class.isAssignableFrom(t)) {
                out.add(name);
            } else if (t.isRecord()) {
                out.addAll(names(t, name + "."));
            }
        }
        return List.copyOf(out);
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /** {@code normalizedMargin} to {@code normalized-margin}; {@code l1Norm} to {@code l1-norm}. */
    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('-').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
