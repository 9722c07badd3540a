package io.sgdscope.trainer.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model architecture, written {@code kind:widths[,option=value...]}:
 * <ul>
 *   <li>{@code linear:64-2}: logistic regression; {@code linear:64-10} softmax;
 *       {@code linear:64-1} least squares;</li>
 *   <li>{@code mlp:64-128-2,act=relu,init=0.1,bias=false}: dense hidden layers;</li>
 *   <li>{@code dln:64-1,init=0.01}: a diagonal linear network, beta = u*u - v*v;</li>
 *   <li>{@code dl4j:/path/model.zip} or {@code dl4j:/path/conf.json}: a user's own network.</li>
 * </ul>
 * The last width is the number of classes, or 1 for regression. Options: {@code act}
 * (relu, tanh, identity; default relu), {@code init} (scale alpha of the initial weights,
 * default 1), {@code bias} (default true).
 */
public record ModelSpec(Kind kind, int[] widths, Activation activation, double initScale, boolean bias,
                        Path file, Task task) {

    public enum Kind { LINEAR, MLP, DLN, DL4J }

    public ModelSpec {
        if (kind != Kind.DL4J) {
            widths = widths.clone();
            int min = kind == Kind.MLP ? 3 : 2;
            if (widths.length < min || (kind != Kind.MLP && widths.length != 2)) {
                throw new IllegalArgumentException(kind.name().toLowerCase() + " needs "
                        + (kind == Kind.MLP ? "at least 3 widths (in-hidden...-out)" : "2 widths (in-out)")
                        + ", got " + Arrays.toString(widths));
            }
            for (int w : widths) {
                if (w < 1) {
                    throw new IllegalArgumentException("widths must be >= 1, got " + Arrays.toString(widths));
                }
            }
            if (kind == Kind.DLN && widths[1] > 2) {
                throw new IllegalArgumentException("dln has one output: width 1 (regression) or 2 (binary), got "
                        + widths[1]);
            }
            task = widths[widths.length - 1] == 1 ? Task.regression() : Task.classification(widths[widths.length - 1]);
        }
        if (!(initScale > 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("init must be > 0, got " + initScale);
        }
    }

    public static ModelSpec parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("model spec '" + text + "' must look like kind:widths[,opt=v], e.g. "
                    + "mlp:64-128-2,act=relu,init=0.1");
        }
        String kindName = text.substring(0, colon).trim();
        Kind kind;
        try {
            kind = Kind.valueOf(kindName.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown model kind '" + kindName + "' in '" + text
                    + "'; expected linear, mlp, dln or dl4j");
        }
        if (kind == Kind.DL4J) {
            // the network itself defines the task; Dl4jModels reads it from the file
            return new ModelSpec(kind, new int[0], Activation.IDENTITY, 1, true, Path.of(text.substring(colon + 1)), null);
        }
        String[] parts = text.substring(colon + 1).split(",");
        int[] widths;
        try {
            widths = Arrays.stream(parts[0].trim().split("-")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("widths '" + parts[0] + "' in '" + text + "' must be numbers joined by -");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("option '" + parts[i] + "' in '" + text + "' must be key=value");
            }
            options.put(kv[0].trim(), kv[1].trim());
        }
        Activation act = Activation.parse(options.getOrDefault("act", kind == Kind.MLP ? "relu" : "identity"));
        double init = Double.parseDouble(options.getOrDefault("init", "1"));
        boolean bias = parseBoolean(options.getOrDefault("bias", kind == Kind.DLN ? "false" : "true"), text);
        options.keySet().removeAll(List.of("act", "init", "bias"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + options.keySet() + " in '" + text
                    + "'; known: act, init, bias");
        }
        if (kind == Kind.DLN && bias) {
            throw new IllegalArgumentException("dln has no bias: drop bias=true from '" + text + "'");
        }
        return new ModelSpec(kind, widths, act, init, bias, null, null);
    }

    /** This architecture with another scale of the initial weights (the {@code init} option). */
    public ModelSpec withInitScale(double scale) {
        return new ModelSpec(kind, widths, activation, scale, bias, file, task);
    }

    private static boolean parseBoolean(String v, String text) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("bias must be true or false in '" + text + "', got " + v);
    }

    public int inputs() {
        return widths[0];
    }

    /** The flat layout; not defined for {@code dl4j:} files, whose layout DL4J owns. */
    public ParamLayout layout() {
        if (kind == Kind.DL4J) {
            throw new UnsupportedOperationException("a dl4j: model's layout comes from its file");
        }
        List<ParamLayout.Layer> layers = new ArrayList<>();
        int offset = 0;
        if (kind == Kind.DLN) {
            layers.add(new ParamLayout.Layer(ParamLayout.LayerKind.DIAGONAL_LINEAR, widths[0], 1,
                    Activation.IDENTITY, false, 0));
            return new ParamLayout(layers);
        }
        for (int l = 0; l + 1 < widths.length; l++) {
            boolean last = l + 2 == widths.length;
            int nOut = last ? task.outputs() : widths[l + 1];
            ParamLayout.Layer layer = new ParamLayout.Layer(ParamLayout.LayerKind.DENSE, widths[l], nOut,
                    last ? Activation.IDENTITY : activation, bias, offset);
            layers.add(layer);
            offset += layer.paramCount();
        }
        return new ParamLayout(layers);
    }

    /** True for bias-free nets of homogeneous activations; L is the number of weight layers (2 for dln). */
    public boolean isHomogeneous() {
        return kind == Kind.DLN || (kind != Kind.DL4J && !bias && (kind == Kind.LINEAR || activation.isHomogeneous()));
    }

    public int homogeneityDegree() {
        return kind == Kind.DLN ? 2 : widths.length - 1;
    }

    /**
     * Seeded initial parameters: dense weights N(0, gain/nIn) times alpha (gain 2 for ReLU, else
     * 1), biases 0; a dln starts at u = v = alpha, so beta = 0.
     */
    public float[] initialParams(long seed) {
        ParamLayout layout = layout();
        float[] p = new float[layout.numParams()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (ParamLayout.Layer layer : layout.layers()) {
            if (layer.kind() == ParamLayout.LayerKind.DIAGONAL_LINEAR) {
                Arrays.fill(p, layer.offset(), layer.offset() + layer.weightCount(), (float) initScale);
                continue;
            }
            double gain = layer.activation() == Activation.RELU ? 2 : 1;
            double sd = initScale * Math.sqrt(gain / layer.nIn());
            for (int i = layer.offset(); i < layer.offset() + layer.weightCount(); i++) {
                p[i] = (float) (sd * rng.nextGaussian());
            }
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && kind == s.kind && Arrays.equals(widths, s.widths)
                && activation == s.activation && initScale == s.initScale && bias == s.bias
                && java.util.Objects.equals(file, s.file);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, Arrays.hashCode(widths), activation, initScale, bias, file);
    }

    @Override
    public String toString() {
        if (kind == Kind.DL4J) {
            return "dl4j:" + file;
        }
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase()).append(':');
        for (int i = 0; i < widths.length; i++) {
            sb.append(i == 0 ? "" : "-").append(widths[i]);
        }
        if (kind == Kind.MLP) {
            sb.append(",act=").append(activation.name().toLowerCase());
        }
        return sb.append(",init=").append(initScale).append(",bias=").append(bias).toString();
    }
}
