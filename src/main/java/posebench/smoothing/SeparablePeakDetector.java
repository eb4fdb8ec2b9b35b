package posebench.smoothing;

import posebench.maps.FeatureMaps;
import posebench.peaks.MaxPoolPeaks;

/**
 * Separable smoothing of every cell in Java ({@link SeparableSmoothing}) and the 3x3 max-pool
 * peak test on the result ({@link MaxPoolPeaks#isLocalMax}). Its values differ from
 * TensorFlow's by float rounding only, so a near-tie between neighbours can decide differently.
 */
public final class SeparablePeakDetector extends PlanarPeakDetector {

    public SeparablePeakDetector(GaussianKernel kernel, int threads) {
        super(kernel, threads);
    }

    @Override
    void findPeaks(ChannelPlanes planes, int channel, Scratch scratch, CellList out) {
        scratch.tiles.all();
        scratch.smoothing.smooth(planes, channel, scratch.tiles);
        // By columns: the 3x3 test does not care about the orientation.
        float[][] smoothed = scratch.smoothing.smoothed;
        for (int x = 0; x < planes.width; x++) {
            for (int y = 0; y < planes.height; y++) {
                if (smoothed[x][y] > THRESHOLD && MaxPoolPeaks.isLocalMax(smoothed, x, y)) {
                    out.add(y * planes.width + x);
                }
            }
        }
    }

    /** The separable smoothing of all channels of {@code maps}, for comparison with TensorFlow's. */
    public static FeatureMaps smooth(FeatureMaps maps, GaussianKernel kernel) {
        int height = maps.height();
        int width = maps.width();
        int channels = maps.channels();
        ChannelPlanes planes = new ChannelPlanes(height, width, channels);
        planes.load(maps, 0, height);
        Scratch scratch = new Scratch(kernel, height, width);
        scratch.tiles.all();
        FeatureMaps out = FeatureMaps.zeros(height, width, channels);
        for (int c = 0; c < channels; c++) {
            scratch.smoothing.smooth(planes, c, scratch.tiles);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out.set(y, x, c, scratch.smoothing.smoothed[x][y]);
                }
            }
        }
        return out;
    }
}
