package io.sgdscope.experiment;

import io.sgdscope.experiment.Expectation.AtSamples;
import io.sgdscope.experiment.Expectation.AtStep;
import io.sgdscope.experiment.Expectation.Compare;
import io.sgdscope.experiment.Expectation.Condition;
import io.sgdscope.experiment.Expectation.Constant;
import io.sgdscope.experiment.Expectation.End;
import io.sgdscope.experiment.Expectation.First;
import io.sgdscope.experiment.Expectation.Point;
import io.sgdscope.experiment.Expectation.Ref;
import io.sgdscope.experiment.Expectation.Shift;
import io.sgdscope.experiment.Expectation.Side;
import io.sgdscope.experiment.Expectation.Start;
import io.sgdscope.experiment.Expectation.Trend;
import io.sgdscope.experiment.Verdict.Measured;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges expectations on curves. Each side is computed per seed at its point; the means over the
 * seeds are compared (or, with {@code in every seed}, every seed on its own). A side with no value
 * in some seed (metric absent, point never reached) fails the expectation with "no value".
 */
public final class ExpectationEvaluator {

    private final Curves curves;

    public ExpectationEvaluator(Curves curves) {
        this.curves = curves;
    }

    public List<Verdict> judge(List<Expectation> expectations) {
        return expectations.stream().map(this::judge).toList();
    }

    public Verdict judge(Expectation e) {
        return e instanceof Compare c ? compare(c) : trend((Trend) e);
    }

    private Verdict compare(Compare c) {
        Measured left = side(c.left(), c.at());
        Measured right = side(c.right(), c.at());
        List<Measured> measured = new ArrayList<>();
        if (!(c.left() instanceof Constant)) {
            measured.add(left);
        }
        if (!(c.right() instanceof Constant)) {
            measured.add(right);
        }
        return decide(c, measured, left, right, c.op(), c.everySeed());
    }

    private Verdict trend(Trend t) {
        List<String> variants = t.variant() == null ? curves.variants() : List.of(t.variant());
        List<Measured> measured = new ArrayList<>();
        String failure = "";
        for (String v : variants) {
            Measured from = at(v, t.metric(), t.from(), 1);
            Measured to = at(v, t.metric(), t.to(), 1);
            measured.add(from);
            measured.add(to);
            Verdict one = decide(t, List.of(), to, from, t.rises() ? Expectation.Op.GT : Expectation.Op.LT,
                    t.everySeed());
            if (!one.pass() && failure.isEmpty()) {
                failure = v + ": " + one.reason();
            }
        }
        return new Verdict(t, failure.isEmpty(), failure, measured);
    }

    /** {@code left OP right} over the means, or in every seed. */
    private static Verdict decide(Expectation e, List<Measured> shown, Measured left, Measured right,
                                  Expectation.Op op, boolean everySeed) {
        for (Measured m : List.of(left, right)) {
            for (double v : m.perSeed()) {
                if (Double.isNaN(v)) {
                    return new Verdict(e, false, "no value: " + m.label(), shown);
                }
            }
        }
        if (everySeed) {
            for (int s = 0; s < left.perSeed().length; s++) {
                if (!op.holds(left.perSeed()[s], right.perSeed()[s])) {
                    return new Verdict(e, false, "seed #" + (s + 1) + ": " + Format.short4(left.perSeed()[s]) + " "
                            + op.symbol() + " " + Format.short4(right.perSeed()[s]) + " does not hold", shown);
                }
            }
            return new Verdict(e, true, "", shown);
        }
        boolean pass = op.holds(left.mean(), right.mean());
        return new Verdict(e, pass, pass ? "" : "mean " + Format.short4(left.mean()) + " " + op.symbol() + " "
                + Format.short4(right.mean()) + " does not hold", shown);
    }

    private Measured side(Side side, Point at) {
        double[] perSeed = new double[curves.seeds().size()];
        if (side instanceof Constant k) {
            java.util.Arrays.fill(perSeed, k.value());
            return Measured.of(k.toString(), perSeed);
        }
        Ref r = (Ref) side;
        Measured m = at(r.variant(), r.metric(), at, r.factor());
        return Measured.of(r + " " + where(at), m.perSeed());
    }

    /** {@code factor} times {@code metric} of {@code variant} at {@code point}, per seed. */
    private Measured at(String variant, String metric, Point point, double factor) {
        double[] perSeed = new double[curves.seeds().size()];
        for (int s = 0; s < perSeed.length; s++) {
            Curve c = curves.run(variant, curves.seeds().get(s));
            perSeed[s] = factor * curves.value(c, row(c, point), metric);
        }
        return Measured.of(variant + ": " + metric + " " + where(point), perSeed);
    }

    /** "at end", "at step 500", "after shift 1". */
    static String where(Point point) {
        return point instanceof Shift s && s.after() ? point.toString() : "at " + point;
    }

    /** The snapshot {@code point} names in {@code c}, or -1 if there is none. */
    int row(Curve c, Point point) {
        int n = c.rows();
        if (point instanceof Start) {
            return n > 0 ? 0 : -1;
        }
        if (point instanceof End) {
            return n - 1;
        }
        if (point instanceof AtStep p) {
            return lastAtOrBefore(c.steps(), p.n());
        }
        if (point instanceof AtSamples p) {
            return lastAtOrBefore(c.samples(), p.n());
        }
        if (point instanceof First f) {
            return first(c, f.condition());
        }
        Shift p = (Shift) point;
        if (p.k() > c.shifts().length) {
            return -1;
        }
        long index = c.shifts()[p.k() - 1];
        if (!p.after()) {
            return lastAtOrBefore(c.samples(), index);
        }
        int r = 0;
        while (r < n && c.samples()[r] <= index) {
            r++;
        }
        return r < n ? r : -1;
    }

    private int first(Curve c, Condition cond) {
        for (int r = 0; r < c.rows(); r++) {
            if (cond.op().holds(curves.value(c, r, cond.metric()), cond.value())) {
                return r;
            }
        }
        return -1;
    }

    private static int lastAtOrBefore(long[] xs, long limit) {
        int found = -1;
        for (int r = 0; r < xs.length && xs[r] <= limit; r++) {
            found = r;
        }
        return found;
    }
}
