package posebench.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import posebench.SharedData;
import posebench.image.ImageDecoder;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.pose.BodyPart;
import posebench.pose.CocoPart;
import posebench.pose.Human;
import posebench.smoothing.Smoother;

/**
 * The pipeline against the independent reference outputs in ../shared/reference/expected:
 * same humans and part counts, every keypoint within one heatmap cell, human scores within 0.02.
 *
 * <p>The reference evaluated the network in float64; TensorFlow's float32 CPU kernels give heatmap
 * values up to about 3e-3 away from it on this model (measured: p3 LHip at (113,125) scores 0.1208
 * here, 0.1178 there; the float32 result is stable to 1e-5 with and without oneDNN, and equal
 * whether the JPEG is decoded by OpenCV or ImageIO). At filter 5, where smoothing no longer
 * separates weak peaks, two weak keypoints flip. They are listed in {@link #KNOWN} and asserted
 * exactly, so any other deviation, or a change in these, fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParityTest {

    /** A keypoint known to differ: the reference cell (or none), and the cell found here (or none). */
    record Deviation(String image, int filter, int part, int[] reference, int[] found) {
        boolean covers(String img, int f, int index) {
            return image.equals(img) && filter == f && part == index;
        }
    }

    private static final List<Deviation> KNOWN = List.of(
            // RKnee smoothed peak 0.05046 here: just above the 0.05 threshold, below it in float64.
            new Deviation("ski", 5, 9, null, new int[] {18, 101}),
            // RElbow of the skier in the middle: a weak (0.099) elongated peak whose maximum moves by three cells.
            new Deviation("ski", 5, 3, new int[] {137, 89}, new int[] {137, 86}),
            // LHip: two weak peaks (scores 0.075 and 0.080) three cells apart; the connection picks the other one.
            new Deviation("p3", 5, 11, new int[] {170, 149}, new int[] {170, 146}),
            // Neck of the person on the left: a weak (0.34) flat-topped peak whose maximum moves by three cells.
            new Deviation("p3", 5, 1, new int[] {46, 102}, new int[] {49, 105}));

    private PoseModel model;

    @BeforeAll
    void loadModel() {
        model = ModelLoader.load(SharedData.mobilenetV2Small());
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Smoother smoother : Smoother.values()) {
            for (String image : List.of("ski", "p1", "p3", "COCO_val2014_000000000357")) {
                for (int filter : new int[] {25, 5}) {
                    cases.add(Arguments.of(image, filter, smoother));
                }
            }
        }
        return cases.stream();
    }

    /** Every smoother gives the reference's skeletons: the Java ones find exactly the depthwise peaks. */
    @ParameterizedTest(name = "{0} filter {1} {2}")
    @MethodSource("cases")
    void matchesReference(String image, int filter, Smoother smoother) throws IOException {
        JsonNode ref = new ObjectMapper().readTree(SharedData.expected(image + "_f" + filter + ".json").toFile());
        List<Human> humans;
        try (PoseEstimator estimator = new PoseEstimator(model,
                PipelineOptions.DEFAULTS.withFilterSize(filter).withSmoother(smoother))) {
            humans = estimator.estimate(ImageDecoder.decode(SharedData.image(image + ".jpg")));
        }
        JsonNode expected = ref.get("humans");
        assertEquals(expected.size(), humans.size(), "number of humans");
        List<Human> unmatched = new ArrayList<>(humans);
        for (JsonNode want : expected) {
            Human match = unmatched.stream().filter(h -> sameSkeleton(want, h, image, filter)).findFirst()
                    .orElseThrow(() -> new AssertionError("no human matches reference human with "
                            + want.get("num_parts") + " parts, score " + want.get("score") + ": " + closest(want, humans)));
            unmatched.remove(match);
            if (!hasKnownDeviation(match, image, filter)) {
                // A deviating part changes the human's mean, so its score is not comparable.
                assertEquals(want.get("score").asDouble(), match.score(), 0.02, "human score");
            }
        }
    }

    /** The differences to the most similar human, for a readable failure. */
    private static String closest(JsonNode want, List<Human> humans) {
        String best = "no humans";
        int bestMatches = -1;
        for (Human h : humans) {
            int matches = 0;
            StringBuilder diff = new StringBuilder();
            for (JsonNode part : want.get("parts")) {
                if (part.isNull()) {
                    continue;
                }
                int index = part.get("index").asInt();
                BodyPart p = h.parts().stream().filter(b -> b.part().ordinal() == index).findFirst().orElse(null);
                if (p != null && Math.abs(p.px() - part.get("px").asInt()) <= 1 && Math.abs(p.py() - part.get("py").asInt()) <= 1) {
                    matches++;
                } else {
                    diff.append(part.get("name").asText()).append(" want (").append(part.get("px")).append(",")
                            .append(part.get("py")).append(") got ").append(p == null ? "none" : "(" + p.px() + "," + p.py() + ")")
                            .append("; ");
                }
            }
            for (BodyPart p : h.parts()) {
                if (want.get("parts").get(p.part().ordinal()).isNull()) {
                    diff.append("extra ").append(p.part().label()).append(" (").append(p.px()).append(",").append(p.py()).append("); ");
                }
            }
            if (matches > bestMatches) {
                bestMatches = matches;
                best = "closest has " + h.parts().size() + " parts, score " + h.score() + ": " + diff;
            }
        }
        return best;
    }

    /** Same parts, each within one heatmap cell, but for the known deviations, which must be exactly as listed. */
    private static boolean sameSkeleton(JsonNode want, Human got, String image, int filter) {
        for (int index = 0; index < CocoPart.COUNT; index++) {
            JsonNode part = want.get("parts").get(index); // null where the slot is empty
            int[] reference = part == null || part.isNull() ? null : new int[] {part.get("px").asInt(), part.get("py").asInt()};
            BodyPart p = got.part(CocoPart.of(index)).orElse(null);
            int[] found = p == null ? null : new int[] {p.px(), p.py()};
            int i = index;
            Deviation known = KNOWN.stream().filter(d -> d.covers(image, filter, i)
                    && Arrays.equals(d.reference(), reference) && Arrays.equals(d.found(), found)).findFirst().orElse(null);
            if (known == null && !withinOneCell(reference, found)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasKnownDeviation(Human human, String image, int filter) {
        return KNOWN.stream().anyMatch(d -> d.image().equals(image) && d.filter() == filter
                && human.part(CocoPart.of(d.part())).map(p -> Arrays.equals(d.found(), new int[] {p.px(), p.py()}))
                        .orElse(d.found() == null));
    }

    private static boolean withinOneCell(int[] a, int[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Math.abs(a[0] - b[0]) <= 1 && Math.abs(a[1] - b[1]) <= 1;
    }
}
