package posebench.smoothing;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * tf-pose's smoothing kernel ({@code Smoother.gauss_kernel}): bin masses of a standard normal
 * over {@code size} equal intervals spanning +-(sigma + interval/2), made 2-D as
 * {@code sqrt(outer(k1, k1))} and normalised to sum 1. Computed in double, rounded to float32 as
 * numpy does when it builds the TF constant.
 *
 * <p>Because {@code sqrt(outer(a, a)) = outer(sqrt(a), sqrt(a))}, the kernel is exactly
 * {@code outer(s, s)} with {@code s = sqrt(k1) / sum(sqrt(k1))}: {@link #factor()}.
 */
public final class GaussianKernel {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private final int size;
    private final double sigma;
    private final double[] binMass;

    public GaussianKernel(int size, double sigma) {
        if (size < 1) {
            throw new IllegalArgumentException("filter size must be at least 1, got " + size);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
        }
        this.size = size;
        this.sigma = sigma;
        this.binMass = binMass(size, sigma);
    }

    /** {@code diff(norm.cdf(linspace(-sigma - interval/2, sigma + interval/2, size + 1)))}. */
    private static double[] binMass(int size, double sigma) {
        double interval = (2 * sigma + 1.0) / size;
        double start = -sigma - interval / 2.0;
        double stop = sigma + interval / 2.0;
        double step = (stop - start) / size;
        double[] cdf = new double[size + 1];
        for (int i = 0; i <= size; i++) {
            // numpy.linspace: start + i * step, with the last point set to stop exactly.
            double x = i == size ? stop : start + i * step;
            cdf[i] = STANDARD_NORMAL.cumulativeProbability(x);
        }
        double[] mass = new double[size];
        for (int i = 0; i < size; i++) {
            mass[i] = cdf[i + 1] - cdf[i];
        }
        return mass;
    }

    public int size() {
        return size;
    }

    public double sigma() {
        return sigma;
    }

    /** The 2-D kernel, row-major {@code [row * size + col]}, in double before the float32 cast. */
    public double[] kernel2dExact() {
        double[] k = new double[size * size];
        double sum = 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double v = Math.sqrt(binMass[r] * binMass[c]);
                k[r * size + c] = v;
                sum += v;
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** The 2-D kernel as the float32 TF constant {@code smoothing/gauss_weight} holds it. */
    public float[] kernel2d() {
        double[] exact = kernel2dExact();
        float[] k = new float[exact.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) exact[i];
        }
        return k;
    }

    /** The separable 1-D factor {@code s = sqrt(k1) / sum(sqrt(k1))}, in double. */
    public double[] factorExact() {
        double[] s = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            s[i] = Math.sqrt(binMass[i]);
            sum += s[i];
        }
        for (int i = 0; i < size; i++) {
            s[i] /= sum;
        }
        return s;
    }

    /** The separable 1-D factor in float32. */
    public float[] factor() {
        double[] exact = factorExact();
        float[] s = new float[size];
        for (int i = 0; i < size; i++) {
            s[i] = (float) exact[i];
        }
        return s;
    }
}
