package posebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import posebench.SharedData;
import posebench.pose.BodyPart;
import posebench.pose.CocoPart;
import posebench.pose.Human;

class KeypointDiffTest {

    private static BodyPart at(CocoPart part, int px, int py) {
        return new BodyPart(part, px / 216f, py / 184f, 0.5f, px, py);
    }

    @Test
    void classifiesEveryPartSlot() {
        Human reference = new Human(List.of(at(CocoPart.NOSE, 10, 10), at(CocoPart.NECK, 10, 20),
                at(CocoPart.R_SHOULDER, 5, 20), at(CocoPart.L_SHOULDER, 15, 20)), 1f);
        Human other = new Human(List.of(at(CocoPart.NOSE, 11, 10), at(CocoPart.NECK, 11, 21),
                at(CocoPart.R_SHOULDER, 5, 20), at(CocoPart.R_HIP, 6, 40)), 1f);
        KeypointDiff diff = KeypointDiff.between(List.of(reference), List.of(other));
        // Nose one cell: kept; neck one diagonal step: moved; RShoulder kept; LShoulder lost; RHip added.
        assertEquals(new KeypointDiff(4, 2, 1, 1, 1), diff);
        assertEquals(3, diff.changed());
    }

    @Test
    void unpairedHumansCountAllTheirParts() {
        Human a = new Human(List.of(at(CocoPart.NOSE, 10, 10), at(CocoPart.NECK, 10, 20)), 1f);
        Human b = new Human(List.of(at(CocoPart.NOSE, 100, 100), at(CocoPart.NECK, 100, 110), at(CocoPart.R_HIP, 90, 140)), 1f);
        assertEquals(new KeypointDiff(2, 0, 0, 3, 2), KeypointDiff.between(List.of(a), List.of(b)));
        assertEquals(new KeypointDiff(2, 2, 0, 3, 0), KeypointDiff.between(List.of(a), List.of(b, a)));
    }

    /** The reference outputs themselves: 38 of ski's 78 filter-25 keypoints change at filter 5. */
    @Test
    void referenceOutputsOfSkiChange38Of78Keypoints() throws IOException {
        KeypointDiff diff = KeypointDiff.between(humans("ski_f25.json"), humans("ski_f5.json"));
        assertEquals(78, diff.referenceKeypoints());
        assertEquals(38, diff.changed());
    }

    private static List<Human> humans(String file) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(SharedData.expected(file).toFile());
        List<Human> humans = new ArrayList<>();
        for (JsonNode h : doc.get("humans")) {
            List<BodyPart> parts = new ArrayList<>();
            for (JsonNode p : h.get("parts")) {
                if (!p.isNull()) {
                    parts.add(new BodyPart(CocoPart.of(p.get("index").asInt()), (float) p.get("x").asDouble(),
                            (float) p.get("y").asDouble(), (float) p.get("score").asDouble(), p.get("px").asInt(), p.get("py").asInt()));
                }
            }
            humans.add(new Human(parts, (float) h.get("score").asDouble()));
        }
        return humans;
    }
}
