package posebench.estimator;

import posebench.maps.FeatureMaps;
import posebench.peaks.PeakList;

/**
 * What PAF assembly works on: the peaks of the smoothed heatmaps, and the unsmoothed upsampled
 * heatmaps (19 channels) and PAFs (38 channels).
 */
public record Detections(PeakList peaks, FeatureMaps heatmaps, FeatureMaps pafs) {
}
