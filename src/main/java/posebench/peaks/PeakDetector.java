package posebench.peaks;

import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.pose.CocoPart;

/**
 * Turns upsampled, unsmoothed heatmaps ([h, w, 19]) into the peak list PAF assembly consumes:
 * smoothing, the 3x3 peak test and the 0.05 threshold in one step, so an implementation may fuse
 * them. Implementations hold native or thread resources and are not safe for concurrent use.
 */
public interface PeakDetector extends AutoCloseable {

    /** The peaks of part channels 0..17 of {@code heatmaps}, scored with the unsmoothed values. */
    PeakList detect(FeatureMaps heatmaps);

    @Override
    default void close() {
    }

    /** Rejects maps without the 18 part channels. */
    static void requirePartChannels(MapView heatmaps) {
        if (heatmaps.channels() < CocoPart.COUNT) {
            throw new IllegalArgumentException("heatmaps have " + heatmaps.channels()
                    + " channels, expected at least the " + CocoPart.COUNT + " part channels (19 with the background)");
        }
    }
}
