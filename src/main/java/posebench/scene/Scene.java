package posebench.scene;

import java.util.List;
import java.util.Objects;

import posebench.maps.FeatureMaps;
import posebench.peaks.PeakList;

/**
 * A rendered synthetic scene: heatmaps [h, w, 19] and PAFs [h, w, 38] laid out as the
 * network's upsampled outputs, and the people they were drawn from.
 */
public record Scene(FeatureMaps heatmaps, FeatureMaps pafs, List<Person> people) {

    public Scene {
        Objects.requireNonNull(heatmaps, "heatmaps");
        Objects.requireNonNull(pafs, "pafs");
        people = List.copyOf(people);
    }

    /**
     * The peak map of the heatmaps without smoothing: a cell keeps its value where no cell of
     * its 3x3 neighbourhood is larger (a stride-1 SAME max-pool compare), else 0. The rendered
     * bumps are already smooth, so this finds exactly one peak per joint.
     */
    public FeatureMaps peakMap() {
        int h = heatmaps.height();
        int w = heatmaps.width();
        int channels = heatmaps.channels();
        FeatureMaps peaks = FeatureMaps.zeros(h, w, channels);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    float v = heatmaps.get(y, x, c);
                    if (isLocalMax(v, y, x, c)) {
                        peaks.set(y, x, c, v);
                    }
                }
            }
        }
        return peaks;
    }

    private boolean isLocalMax(float v, int y, int x, int c) {
        for (int ny = Math.max(0, y - 1); ny <= Math.min(heatmaps.height() - 1, y + 1); ny++) {
            for (int nx = Math.max(0, x - 1); nx <= Math.min(heatmaps.width() - 1, x + 1); nx++) {
                if (heatmaps.get(ny, nx, c) > v) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Heatmaps and PAFs side by side per cell, [h, w, 57], as the network emits its output: a
     * scene rendered at the network's output size then stands in for a raw network output.
     */
    public FeatureMaps networkOutput() {
        int cells = heatmaps.height() * heatmaps.width();
        int heat = heatmaps.channels();
        int paf = pafs.channels();
        float[] out = new float[cells * (heat + paf)];
        for (int i = 0; i < cells; i++) {
            System.arraycopy(heatmaps.data(), i * heat, out, i * (heat + paf), heat);
            System.arraycopy(pafs.data(), i * paf, out, i * (heat + paf) + heat, paf);
        }
        return new FeatureMaps(out, heatmaps.height(), heatmaps.width(), heat + paf);
    }

    /** The peaks of {@link #peakMap()}, scored with the heatmaps, as pafprocess numbers them. */
    public PeakList peaks() {
        return PeakList.fromPeakMap(peakMap(), heatmaps);
    }
}
