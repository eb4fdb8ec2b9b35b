package posebench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import posebench.estimator.Detections;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.ImageDecoder;
import posebench.model.PoseModel;
import posebench.peaks.PeakDetector;
import posebench.peaks.PeakList;
import posebench.pose.Human;
import posebench.peaks.PeakDetectorKind;

/**
 * What the smoothing kernel size does to the detected poses, and what each smoother costs: per
 * image and filter size, the humans found (with tf-pose's depthwise smoothing), their keypoints
 * against the reference filter, and the median time of every smoother's smoothing and peaks.
 */
public final class FilterComparison implements AutoCloseable {

    /**
     * One image at one filter size: its skeletons, and how their keypoints differ from the reference
     * filter's ({@code changes} lists the moved, added and lost ones that {@code diff} counts).
     */
    public record Row(Path image, int filter, int humans, int keypoints, KeypointDiff diff,
                      Map<PeakDetectorKind, Double> smoothingMillis, Map<PeakDetectorKind, Boolean> samePeaks,
                      List<Human> skeletons, List<KeypointChange> changes) {
    }

    private final PoseEstimator estimator;
    private final int referenceFilter;
    private final int[] filters;
    private final int timingRuns;
    private final Map<Integer, Map<PeakDetectorKind, PeakDetector>> detectors = new LinkedHashMap<>();

    /**
     * @param filters         filter sizes to compare; {@code referenceFilter} is added when missing
     * @param referenceFilter the filter size the keypoints of the others are compared with (tf-pose's 25)
     * @param timingRuns      timed runs per smoother, after two untimed ones
     */
    public FilterComparison(PoseModel model, PipelineOptions options, int[] filters, int referenceFilter, int timingRuns) {
        if (timingRuns < 1) {
            throw new IllegalArgumentException("timing runs must be at least 1, got " + timingRuns);
        }
        int[] all = Arrays.stream(filters).distinct().toArray();
        if (Arrays.stream(all).noneMatch(f -> f == referenceFilter)) {
            all = Arrays.copyOf(all, all.length + 1);
            all[all.length - 1] = referenceFilter;
        }
        this.filters = all;
        this.referenceFilter = referenceFilter;
        this.timingRuns = timingRuns;
        // The maps come from the graph; which smoother this estimator uses does not matter here.
        this.estimator = new PoseEstimator(model, options.withSmoother(PeakDetectorKind.THRESHOLD));
        try {
            for (int filter : all) {
                Map<PeakDetectorKind, PeakDetector> byName = new EnumMap<>(PeakDetectorKind.class);
                for (PeakDetectorKind smoother : PeakDetectorKind.values()) {
                    byName.put(smoother, smoother.detector(options.withFilterSize(filter).kernel()));
                }
                detectors.put(filter, byName);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The rows of one image, in the order of the filters given, the reference filter included. */
    public List<Row> compare(Path image) {
        Detections maps = estimator.detectFromImage(ImageDecoder.decode(image));
        Map<Integer, List<Human>> humansByFilter = new LinkedHashMap<>();
        Map<Integer, Map<PeakDetectorKind, Double>> times = new LinkedHashMap<>();
        Map<Integer, Map<PeakDetectorKind, Boolean>> same = new LinkedHashMap<>();
        for (int filter : filters) {
            Map<PeakDetectorKind, PeakDetector> byName = detectors.get(filter);
            PeakList reference = byName.get(PeakDetectorKind.DEPTHWISE).detect(maps.heatmaps());
            humansByFilter.put(filter, estimator.assemble(new Detections(reference, maps.heatmaps(), maps.pafs())));
            Map<PeakDetectorKind, Double> millis = new EnumMap<>(PeakDetectorKind.class);
            Map<PeakDetectorKind, Boolean> equal = new EnumMap<>(PeakDetectorKind.class);
            for (Map.Entry<PeakDetectorKind, PeakDetector> e : byName.entrySet()) {
                // The checked run doubles as the first warm-up run of the timing.
                equal.put(e.getKey(), e.getValue().detect(maps.heatmaps()).all().equals(reference.all()));
                millis.put(e.getKey(), medianMillis(e.getValue(), maps));
            }
            times.put(filter, millis);
            same.put(filter, equal);
        }
        List<Human> referenceHumans = humansByFilter.get(referenceFilter);
        List<Row> rows = new ArrayList<>();
        for (int filter : filters) {
            List<Human> humans = humansByFilter.get(filter);
            rows.add(new Row(image, filter, humans.size(), humans.stream().mapToInt(h -> h.parts().size()).sum(),
                    KeypointDiff.between(referenceHumans, humans), times.get(filter), same.get(filter), humans,
                    KeypointDiff.changes(referenceHumans, humans)));
        }
        return rows;
    }

    /** The median of {@code timingRuns} timed runs after one more warm-up run. */
    private double medianMillis(PeakDetector detector, Detections maps) {
        detector.detect(maps.heatmaps());
        double[] runs = new double[timingRuns];
        for (int i = 0; i < timingRuns; i++) {
            long start = System.nanoTime();
            detector.detect(maps.heatmaps());
            runs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    @Override
    public void close() {
        detectors.values().forEach(m -> m.values().forEach(PeakDetector::close));
        estimator.close();
    }
}
