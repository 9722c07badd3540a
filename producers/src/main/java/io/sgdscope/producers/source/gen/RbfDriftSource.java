package io.sgdscope.producers.source.gen;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SampleSourceProvider;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import io.sgdscope.producers.source.SyntheticSource;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * {@code rbf-drift}: random radial basis functions with drifting centroids, as in MOA's
 * RandomRBFGeneratorDrift. Each centroid has a centre in [0, 1]^d, a class, a standard deviation
 * and a weight, all uniform. A sample picks a centroid by weight and lies at a Gaussian distance
 * (times the centroid's deviation) in a uniformly random direction from its centre. After every
 * sample the first {@code drifting-centroids} centres move by {@code speed} along their own unit
 * direction, bouncing off the faces of the unit cube.
 *
 * <p>Parameters: {@code dimension} (default 10 here), {@code classes} (default 2),
 * {@code centroids} (default 50), {@code drifting-centroids} (default 50), {@code speed} (default 0.0001).
 */
public final class RbfDriftSource extends SyntheticSource {

    public static final String NAME = "rbf-drift";

    private final double[][] centres;
    private final double[][] directions;
    private final int[] classes;
    private final double[] stddev;
    private final double[] cumulativeWeight;
    private final int drifting;
    private final double speed;
    private final Gaussian rng;

    public RbfDriftSource(String stream, int dimension, int classCount, int centroids, int driftingCentroids,
                          double speed, long seed, long inputSeed, LongSupplier clockMs) {
        super(SourceSchema.classification(stream, dimension, classCount), clockMs);
        if (driftingCentroids > centroids) {
            throw new IllegalArgumentException("drifting-centroids " + driftingCentroids + " exceeds centroids " + centroids);
        }
        SplittableRandom root = new SplittableRandom(seed);
        Gaussian model = new Gaussian(root.split());
        centres = new double[centroids][dimension];
        directions = new double[centroids][];
        classes = new int[centroids];
        stddev = new double[centroids];
        cumulativeWeight = new double[centroids];
        double total = 0;
        for (int c = 0; c < centroids; c++) {
            for (int i = 0; i < dimension; i++) {
                centres[c][i] = model.rng().nextDouble();
            }
            classes[c] = model.rng().nextInt(classCount);
            stddev[c] = model.rng().nextDouble();
            total += model.rng().nextDouble();
            cumulativeWeight[c] = total;
            float[] dir = model.unitVector(dimension);
            directions[c] = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                directions[c][i] = dir[i];
            }
        }
        for (int c = 0; c < centroids; c++) {
            cumulativeWeight[c] /= total;
        }
        this.drifting = driftingCentroids;
        this.speed = speed;
        this.rng = new Gaussian(Seeds.inputs(inputSeed));
    }

    @Override
    protected Label draw(float[] x) {
        double u = rng.rng().nextDouble();
        int c = 0;
        while (c < cumulativeWeight.length - 1 && u >= cumulativeWeight[c]) {
            c++;
        }
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.next();
            norm += x[i] * x[i];
        }
        double scale = rng.next() * stddev[c] / Math.sqrt(norm);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (centres[c][i] + x[i] * scale);
        }
        Label y = Label.ofClass(classes[c]);
        move();
        return y;
    }

    private void move() {
        for (int c = 0; c < drifting; c++) {
            double[] centre = centres[c];
            double[] dir = directions[c];
            for (int i = 0; i < centre.length; i++) {
                centre[i] += dir[i] * speed;
                if (centre[i] > 1 || centre[i] < 0) {
                    centre[i] = centre[i] > 1 ? 2 - centre[i] : -centre[i];
                    dir[i] = -dir[i];
                }
            }
        }
    }

    /** A copy of centroid {@code c}'s centre. */
    public double[] centre(int c) {
        return centres[c].clone();
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            int d = p.settings().has(SourceContext.DIMENSION) ? p.dimension() : 10;
            int centroids = p.settings().intValue("centroids", 50, 1, 100_000);
            return new RbfDriftSource(p.stream(), d, p.settings().intValue("classes", 2, 2, 1000), centroids,
                    p.settings().intValue("drifting-centroids", centroids, 0, centroids), p.settings().doubleValue("speed", 0.0001, 0, 1),
                    p.seed(), p.inputSeed(), p.clockMs());
        }
    }
}
