package posebench.smoothing;

import java.util.Arrays;

import posebench.SyntheticHeatmaps;
import posebench.maps.FeatureMaps;
import posebench.peaks.DepthwisePeakDetector;

/**
 * Test fixture run in a child JVM by {@link ArithmeticPathTest}: TensorFlow's depthwise smoothing of
 * one hand-made map, its bit pattern's hash on stdout, so that a parent can compare what the
 * kernels of different environments compute.
 */
public final class DepthwiseProbe {

    static final String BITS = "depthwise bits ";

    private DepthwiseProbe() {
    }

    public static void main(String[] args) {
        FeatureMaps maps = SyntheticHeatmaps.people(37, 53, 19, 5);
        try (DepthwisePeakDetector depthwise = new DepthwisePeakDetector(new GaussianKernel(25, 3.0), 1)) {
            float[] values = depthwise.smooth(maps).data();
            int[] bits = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                // A zero sum may carry either sign.
                bits[i] = Float.floatToIntBits(values[i] == 0f ? 0f : values[i]);
            }
            System.out.println(BITS + Arrays.hashCode(bits));
        }
    }
}
