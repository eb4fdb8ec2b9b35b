package posebench.peaks;

import posebench.smoothing.ChannelPlanes;
import posebench.smoothing.GaussianKernel;
import posebench.smoothing.SeparableSmoothing;

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
        float[][] smoothed = scratch.smoothing.smoothed();
        for (int x = 0; x < planes.width(); x++) {
            for (int y = 0; y < planes.height(); y++) {
                if (smoothed[x][y] > THRESHOLD && MaxPoolPeaks.isLocalMax(smoothed, x, y)) {
                    out.add(y * planes.width() + x);
                }
            }
        }
    }
}
