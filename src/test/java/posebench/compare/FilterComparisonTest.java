package posebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import posebench.SharedData;
import posebench.estimator.PipelineOptions;
import posebench.model.ModelLoader;
import posebench.peaks.PeakDetectorKind;

class FilterComparisonTest {

    @Test
    void skiAtFilter5AgainstFilter25() {
        try (FilterComparison comparison = new FilterComparison(ModelLoader.load(SharedData.mobilenetV2Small()),
                PipelineOptions.DEFAULTS, new int[] {5}, 25, 1)) {
            List<FilterComparison.Row> rows = comparison.compare(SharedData.image("ski.jpg"));
            assertEquals(2, rows.size(), "the reference filter is added");
            FilterComparison.Row f5 = rows.get(0);
            FilterComparison.Row f25 = rows.get(1);
            assertEquals(25, f25.filter());
            assertEquals(0, f25.diff().changed(), "the reference against itself");
            assertEquals(78, f25.keypoints());
            assertEquals(5, f5.humans());
            // 38 in the float64 reference; one more here, ski's RKnee just above threshold (see ParityTest).
            assertEquals(39, f5.diff().changed());
            for (FilterComparison.Row row : rows) {
                assertTrue(row.samePeaks().get(PeakDetectorKind.THRESHOLD), "threshold finds the depthwise peaks exactly");
                assertTrue(row.smoothingMillis().values().stream().allMatch(ms -> ms > 0));
            }
        }
    }
}
