package posebench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tensorflow.proto.ConfigProto;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.output.HumansJson;
import posebench.output.SkeletonDrawing;
import posebench.pose.Human;

/** {@code posebench estimate}: humans on one image, printed, and optionally written as JSON and drawn as PNG. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate poses on one image with tf-pose-estimation's pipeline.")
final class EstimateCommand extends PipelineCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--image", required = true, description = "Image file (any format OpenCV reads).")
    private Path image;

    @Option(names = "--json", description = "Write the humans as JSON to this file.")
    private Path json;

    @Option(names = "--draw", description = "Draw the skeletons on the image and write it as PNG to this file.")
    private Path draw;

    @Override
    public Integer call() {
        PipelineOptions options = pipeline.options();
        BgrImage decoded = ImageDecoder.decode(image);
        try (PoseEstimator estimator = new PoseEstimator(modelOptions.load(), options,
                ConfigProto.getDefaultInstance(), pipeline.ortSettings())) {
            long start = System.nanoTime();
            List<Human> humans = estimator.estimate(decoded);
            double ms = (System.nanoTime() - start) / 1e6;
            spec.commandLine().getOut().printf("%s: %d human(s) in %.1f ms (model %s, %dx%d, filter %d)%n", image, humans.size(), ms,
                    estimator.model().source(), options.targetWidth(), options.targetHeight(), options.filterSize());
            for (int i = 0; i < humans.size(); i++) {
                Human h = humans.get(i);
                spec.commandLine().getOut().printf("  human %d: score %.3f, %d parts%n", i, h.score(), h.parts().size());
            }
            if (json != null) {
                HumansJson.Document doc = HumansJson.document(image.getFileName().toString(),
                        estimator.model().source(), options, humans);
                HumansJson.write(json, doc);
                spec.commandLine().getOut().println("wrote " + json);
            }
            if (draw != null) {
                SkeletonDrawing.writePng(decoded, humans, draw);
                spec.commandLine().getOut().println("wrote " + draw);
            }
        }
        return 0;
    }
}
