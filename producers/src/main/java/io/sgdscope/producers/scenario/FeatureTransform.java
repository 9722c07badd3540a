package io.sgdscope.producers.scenario;

import java.util.Arrays;

/**
 * A covariate shift or feature transform applied to every input of a phase, in this order:
 * image rotation (degrees, about the image centre, bilinear, zero fill) and brightness (added,
 * then clipped to [0, 1]) for image sources; then x ← s·x; then rotation by {@code rotation}
 * degrees in a fixed random plane spanned by the orthonormal {@code u}, {@code v}; then x ← x + offset.
 * The identity transform is {@link #IDENTITY}. Immutable.
 */
public record FeatureTransform(double[] offset, double scale, double rotation, double imageRotation, double brightness) {

    public static final FeatureTransform IDENTITY = new FeatureTransform(null, 1, 0, 0, 0);

    public FeatureTransform {
        offset = offset == null ? null : offset.clone();
    }

    public boolean isIdentity() {
        return offset == null && scale == 1 && rotation == 0 && imageRotation == 0 && brightness == 0;
    }

    public boolean touchesImages() {
        return imageRotation != 0 || brightness != 0;
    }

    /** The transform a fraction {@code t} of the way from {@code from} to {@code to}, for incremental drift. */
    public static FeatureTransform between(FeatureTransform from, FeatureTransform to, double t) {
        if (t >= 1) {
            return to;
        }
        int d = Math.max(from.offset == null ? 0 : from.offset.length, to.offset == null ? 0 : to.offset.length);
        double[] offset = null;
        if (d > 0) {
            offset = new double[d];
            for (int i = 0; i < d; i++) {
                double a = from.offset == null ? 0 : from.offset[i];
                double b = to.offset == null ? 0 : to.offset[i];
                offset[i] = a + t * (b - a);
            }
        }
        return new FeatureTransform(offset, lerp(from.scale, to.scale, t), lerp(from.rotation, to.rotation, t),
                lerp(from.imageRotation, to.imageRotation, t), lerp(from.brightness, to.brightness, t));
    }

    private static double lerp(double a, double b, double t) {
        return a + t * (b - a);
    }

    /**
     * Applies the transform to {@code x} in place. {@code u}, {@code v} span the rotation plane;
     * {@code rows}, {@code cols} are the image shape, or 0 when the features are not an image.
     */
    public void apply(float[] x, float[] u, float[] v, int rows, int cols) {
        if (rows > 0 && imageRotation != 0) {
            rotateImage(x, rows, cols, Math.toRadians(imageRotation));
        }
        if (rows > 0 && brightness != 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.min(1, Math.max(0, x[i] + brightness));
            }
        }
        if (scale != 1) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] * scale);
            }
        }
        if (rotation != 0) {
            double a = Math.toRadians(rotation);
            double xu = 0;
            double xv = 0;
            for (int i = 0; i < x.length; i++) {
                xu += x[i] * u[i];
                xv += x[i] * v[i];
            }
            double nu = Math.cos(a) * xu - Math.sin(a) * xv;
            double nv = Math.sin(a) * xu + Math.cos(a) * xv;
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] + (nu - xu) * u[i] + (nv - xv) * v[i]);
            }
        }
        if (offset != null) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] + offset[i]);
            }
        }
    }

    private static void rotateImage(float[] x, int rows, int cols, double angle) {
        float[] src = x.clone();
        double cy = (rows - 1) / 2.0;
        double cx = (cols - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // the source pixel that lands on (r, c): rotate back by -angle
                double dy = r - cy;
                double dx = c - cx;
                double sy = cos * dy - sin * dx + cy;
                double sx = sin * dy + cos * dx + cx;
                x[r * cols + c] = bilinear(src, rows, cols, sy, sx);
            }
        }
    }

    private static float bilinear(float[] img, int rows, int cols, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        return (float) ((1 - fy) * ((1 - fx) * pixel(img, rows, cols, y0, x0) + fx * pixel(img, rows, cols, y0, x0 + 1))
                + fy * ((1 - fx) * pixel(img, rows, cols, y0 + 1, x0) + fx * pixel(img, rows, cols, y0 + 1, x0 + 1)));
    }

    private static double pixel(float[] img, int rows, int cols, int r, int c) {
        return r < 0 || c < 0 || r >= rows || c >= cols ? 0 : img[r * cols + c];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureTransform t && Arrays.equals(offset, t.offset) && scale == t.scale
                && rotation == t.rotation && imageRotation == t.imageRotation && brightness == t.brightness;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offset) * 31 + Double.hashCode(scale + 3 * rotation + 7 * imageRotation + 11 * brightness);
    }

    @Override
    public String toString() {
        return "FeatureTransform[offset=" + Arrays.toString(offset) + ", scale=" + scale + ", rotation=" + rotation
                + ", imageRotation=" + imageRotation + ", brightness=" + brightness + "]";
    }
}
