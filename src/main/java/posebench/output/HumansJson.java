package posebench.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import posebench.estimator.PipelineOptions;
import posebench.io.AtomicFile;
import posebench.pose.BodyPart;
import posebench.pose.Human;

/**
 * The JSON form of estimated humans, laid out like tf-pose reference outputs: per human its score,
 * part count and parts (index, name, normalised x/y, score, heatmap cell px/py).
 */
public final class HumansJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HumansJson() {
    }

    /** The document for one image. */
    public static Map<String, Object> document(String image, String model, PipelineOptions options, List<Human> humans) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("image", image);
        doc.put("model", model);
        doc.put("target_size_wh", List.of(options.targetWidth(), options.targetHeight()));
        doc.put("heatmap_size_wh", List.of(options.heatmapWidth(), options.heatmapHeight()));
        doc.put("resize_out_ratio", options.resizeOutRatio());
        doc.put("filter_size", options.filterSize());
        doc.put("sigma", options.sigma());
        doc.put("num_humans", humans.size());
        List<Object> list = new ArrayList<>();
        for (Human human : humans) {
            list.add(human(human));
        }
        doc.put("humans", list);
        return doc;
    }

    private static Map<String, Object> human(Human human) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("score", human.score());
        h.put("num_parts", human.parts().size());
        List<Object> parts = new ArrayList<>();
        for (BodyPart part : human.parts()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("index", part.part().ordinal());
            p.put("name", part.part().label());
            p.put("x", part.x());
            p.put("y", part.y());
            p.put("score", part.score());
            p.put("px", part.px());
            p.put("py", part.py());
            parts.add(p);
        }
        h.put("parts", parts);
        return h;
    }

    public static String toJson(Map<String, Object> document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise humans: " + e.getMessage(), e);
        }
    }

    /** Writes the document atomically. */
    public static void write(Path file, Map<String, Object> document) {
        AtomicFile.writeString(file, toJson(document) + System.lineSeparator());
    }
}
