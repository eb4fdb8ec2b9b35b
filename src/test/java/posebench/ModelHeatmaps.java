package posebench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.maps.FeatureMaps;
import posebench.pose.CocoPart;
import posebench.upsample.AreaUpsampling;

/**
 * Test fixture: the upsampled, unsmoothed heatmaps of mobilenet_v2_small on a shared image, made
 * the way tf-pose makes them (cv2 decode, INTER_CUBIC resize to 432x368, network, area resize to
 * 216x184). Cached per image, since running the network takes about a second.
 */
public final class ModelHeatmaps {

    private static final int INPUT_WIDTH = 432;
    private static final int INPUT_HEIGHT = 368;
    private static final String INPUT_OP = "image";
    private static final String OUTPUT_OP = "Openpose/concat_stage7";
    private static final Map<String, FeatureMaps> CACHE = new ConcurrentHashMap<>();

    private ModelHeatmaps() {
    }

    /** The [184, 216, 19] heatmaps of {@code ../shared/images/name}; skipped (failed under CI=true) without ../shared. */
    public static FeatureMaps of(String imageName) {
        Path model = SharedData.mobilenetV2Small();
        Path image = SharedData.image(imageName);
        return CACHE.computeIfAbsent(imageName, name -> compute(model, image));
    }

    private static FeatureMaps compute(Path model, Path image) {
        float[] input = decode(image);
        int height = INPUT_HEIGHT / 2;
        int width = INPUT_WIDTH / 2;
        try (Graph graph = new Graph()) {
            graph.importGraphDef(GraphDef.parseFrom(Files.readAllBytes(model)));
            Ops tf = Ops.create(graph);
            AreaUpsampling up = AreaUpsampling.append(tf,
                    graph.outputOrThrow(OUTPUT_OP).expect(TFloat32.class), height, width);
            try (Session session = new Session(graph);
                    TFloat32 in = TFloat32.tensorOf(Shape.of(1, INPUT_HEIGHT, INPUT_WIDTH, 3),
                            DataBuffers.of(input, true, false));
                    Result result = session.runner().feed(INPUT_OP, in).fetch(up.heatmaps()).run()) {
                TFloat32 heat = (TFloat32) result.get(0);
                float[] data = new float[height * width * CocoPart.HEATMAP_CHANNELS];
                heat.copyTo(DataBuffers.of(data, false, false));
                return new FeatureMaps(data, height, width, CocoPart.HEATMAP_CHANNELS);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model " + model, e);
        }
    }

    /** BGR floats 0..255 of the image resized to 432x368 with cv2's INTER_CUBIC, HWC. */
    private static float[] decode(Path image) {
        nu.pattern.OpenCV.loadLocally();
        Mat bgr = Imgcodecs.imread(image.toString());
        if (bgr.empty()) {
            throw new IllegalStateException("OpenCV cannot decode " + image);
        }
        Mat resized = new Mat();
        Imgproc.resize(bgr, resized, new Size(INPUT_WIDTH, INPUT_HEIGHT), 0, 0, Imgproc.INTER_CUBIC);
        Mat floats = new Mat();
        resized.convertTo(floats, CvType.CV_32FC3);
        float[] data = new float[INPUT_HEIGHT * INPUT_WIDTH * 3];
        floats.get(0, 0, data);
        return data;
    }
}
