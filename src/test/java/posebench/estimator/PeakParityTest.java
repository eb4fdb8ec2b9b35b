package posebench.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import posebench.SharedData;
import posebench.image.ImageDecoder;
import posebench.model.ModelLoader;

class PeakParityTest {

    @ParameterizedTest
    @CsvSource({"ski.jpg,ski_f25.json,25", "ski.jpg,ski_f5.json,5", "p3.jpg,p3_f25.json,25"})
    void peakCountMatchesReference(String image, String expected, int filter) throws IOException {
        Path model = SharedData.mobilenetV2Small();
        JsonNode ref = new ObjectMapper().readTree(SharedData.expected(expected).toFile());
        try (PoseEstimator estimator = new PoseEstimator(ModelLoader.load(model), PipelineOptions.DEFAULTS.withFilterSize(filter))) {
            Detections d = estimator.detectFromImage(ImageDecoder.decode(SharedData.image(image)));
            assertEquals(184, d.heatmaps().height());
            assertEquals(216, d.heatmaps().width());
            int fragile = ref.path("fragile_peak_decisions").path("near_tie_vs_neighbour_1e-5").asInt()
                    + ref.path("fragile_peak_decisions").path("near_thresh_0.05_1e-5").asInt();
            int want = ref.get("num_peaks_above_0.05").asInt();
            assertTrue(Math.abs(d.peaks().size() - want) <= fragile);
        }
    }
}
