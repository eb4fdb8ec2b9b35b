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
import posebench.peaks.PeakDetectorKind;

/**
 * The pipeline against the independent reference outputs in ../shared/reference/expected, which
 * Debian's python3-opencv (OpenCV built without Intel IPP) resized and a float64 evaluation of the
 * network scored.
 *
 * <p>Resized as that OpenCV does ({@code ipp = false}) the pipeline gives the reference's skeletons
 * exactly: same humans and parts, every keypoint in the same heatmap cell, human scores within 0.02.
 * TensorFlow's float32 network moves no keypoint.
 *
 * <p>With IPP (OpenCV's default here, and pip's opencv-python) the resized input differs by one in
 * about 1-4 % of its values, and the heatmaps with it; keypoints stay within one cell, except four
 * weak ones at filter 5, where smoothing no longer separates weak peaks. They are listed in
 * {@link #KNOWN} and asserted exactly, so any other deviation, or a change in these, fails; the
 * no-IPP cases of the same images prove that IPP's resize causes them.
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
            // RKnee: a smoothed peak of 0.05046 with the IPP input, just above the 0.05 threshold.
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
        for (boolean ipp : new boolean[] {false, true}) {
            for (PeakDetectorKind smoother : PeakDetectorKind.values()) {
                for (String image : List.of("ski", "p1", "p3", "COCO_val2014_000000000357")) {
                    for (int filter : new int[] {25, 5}) {
                        cases.add(Arguments.of(image, filter, smoother, ipp));
                    }
                }
            }
        }
        return cases.stream();
    }

    /**
     * Every smoother gives the reference's skeletons (the Java ones find exactly the depthwise
     * peaks): without IPP every keypoint in the same cell, with it within one but for {@link #KNOWN}.
     */
    @ParameterizedTest(name = "{0} filter {1} {2} ipp {3}")
    @MethodSource("cases")
    void matchesReference(String image, int filter, PeakDetectorKind smoother, boolean ipp) throws IOException {
        JsonNode ref = new ObjectMapper().readTree(SharedData.expected(image + "_f" + filter + ".json").toFile());
        List<Deviation> known = ipp ? KNOWN : List.of();
        int cells = ipp ? 1 : 0;
        List<Human> humans;
        try (PoseEstimator estimator = new PoseEstimator(model,
                PipelineOptions.DEFAULTS.withFilterSize(filter).withSmoother(smoother).withIpp(ipp))) {
            humans = estimator.estimate(ImageDecoder.decode(SharedData.image(image + ".jpg")));
        }
        JsonNode expected = ref.get("humans");
        assertEquals(expected.size(), humans.size(), "number of humans");
        List<Human> unmatched = new ArrayList<>(humans);
        for (JsonNode want : expected) {
            Human match = unmatched.stream().filter(h -> sameSkeleton(want, h, image, filter, known, cells)).findFirst()
                    .orElseThrow(() -> new AssertionError("no human matches reference human with "
                            + want.get("num_parts") + " parts, score " + want.get("score") + ": " + closest(want, humans, cells)));
            unmatched.remove(match);
            if (!hasKnownDeviation(match, image, filter, known)) {
                // A deviating part changes the human's mean, so its score is not comparable.
                assertEquals(want.get("score").asDouble(), match.score(), 0.02, "human score");
            }
        }
        // A listed deviation that no longer occurs is stale: the list must say what happens.
        for (Deviation d : known) {
            if (d.image().equals(image) && d.filter() == filter) {
                assertTrue(humans.stream().anyMatch(h -> h.part(CocoPart.of(d.part()))
                        .map(p -> Arrays.equals(d.found(), new int[] {p.px(), p.py()})).orElse(d.found() == null)),
                        "known deviation of part " + d.part() + " at " + Arrays.toString(d.found()) + " is gone");
            }
        }
    }

    /** The differences to the most similar human, for a readable failure. */
    private static String closest(JsonNode want, List<Human> humans, int cells) {
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
                if (p != null && Math.abs(p.px() - part.get("px").asInt()) <= cells && Math.abs(p.py() - part.get("py").asInt()) <= cells) {
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

    /** Same parts, each within {@code cells} heatmap cells, but for the known deviations, which must be exactly as listed. */
    private static boolean sameSkeleton(JsonNode want, Human got, String image, int filter, List<Deviation> known,
            int cells) {
        for (int index = 0; index < CocoPart.COUNT; index++) {
            JsonNode part = want.get("parts").get(index); // null where the slot is empty
            int[] reference = part == null || part.isNull() ? null : new int[] {part.get("px").asInt(), part.get("py").asInt()};
            BodyPart p = got.part(CocoPart.of(index)).orElse(null);
            int[] found = p == null ? null : new int[] {p.px(), p.py()};
            int i = index;
            boolean listed = known.stream().anyMatch(d -> d.covers(image, filter, i)
                    && Arrays.equals(d.reference(), reference) && Arrays.equals(d.found(), found));
            if (!listed && !within(reference, found, cells)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasKnownDeviation(Human human, String image, int filter, List<Deviation> known) {
        return known.stream().anyMatch(d -> d.image().equals(image) && d.filter() == filter
                && human.part(CocoPart.of(d.part())).map(p -> Arrays.equals(d.found(), new int[] {p.px(), p.py()}))
                        .orElse(d.found() == null));
    }

    private static boolean within(int[] a, int[] b, int cells) {
        if (a == null || b == null) {
            return a == b;
        }
        return Math.abs(a[0] - b[0]) <= cells && Math.abs(a[1] - b[1]) <= cells;
    }
}
