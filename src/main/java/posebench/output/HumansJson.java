package posebench.output;

import java.nio.file.Path;
import java.util.List;

import posebench.estimator.PipelineOptions;
import posebench.io.Json;
import posebench.pose.Human;

/**
 * The JSON form of estimated humans, laid out like tf-pose reference outputs: per human its score,
 * part count and parts (index, name, normalised x/y, score, heatmap cell px/py).
 */
public final class HumansJson {

    private HumansJson() {
    }

    /** One image's humans with the settings that produced them. */
    public record Document(String image, String model, List<Integer> targetSizeWh, List<Integer> heatmapSizeWh,
            double resizeOutRatio, int filterSize, double sigma, int numHumans, List<HumanJson> humans) {
    }

    /** One human: tf-pose's score (sum of part and connection scores / part count) and its parts. */
    public record HumanJson(float score, int numParts, List<PartJson> parts) {
    }

    /** One part: COCO index and tf-pose's name, position normalised to the heatmap, unsmoothed score, cell. */
    public record PartJson(int index, String name, float x, float y, float score, int px, int py) {
    }

    /** The document for one image. */
    public static Document document(String image, String model, PipelineOptions options, List<Human> humans) {
        return new Document(image, model, List.of(options.targetWidth(), options.targetHeight()),
                List.of(options.heatmapWidth(), options.heatmapHeight()), options.resizeOutRatio(),
                options.filterSize(), options.sigma(), humans.size(), humans.stream().map(HumansJson::human).toList());
    }

    private static HumanJson human(Human human) {
        return new HumanJson(human.score(), human.parts().size(), human.parts().stream()
                .map(p -> new PartJson(p.part().ordinal(), p.part().label(), p.x(), p.y(), p.score(), p.px(), p.py()))
                .toList());
    }

    public static String toJson(Document document) {
        return Json.write(document);
    }

    /** Writes the document atomically. */
    public static void write(Path file, Document document) {
        Json.write(file, document);
    }
}
