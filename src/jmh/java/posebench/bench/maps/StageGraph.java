package posebench.bench.maps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import posebench.maps.FeatureMaps;

/**
 * One post-processing stage as a TensorFlow graph of its own, fed with Java maps of a fixed
 * shape and returning its outputs as Java maps, so a stage's ops can be measured without the network.
 */
public final class StageGraph implements AutoCloseable {

    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final List<Operand<TFloat32>> outputs;
    private final Shape shape;

    /**
     * @param stage appends the stage's ops to the graph, given the [1, height, width, channels]
     *              input, and returns the operands to fetch
     */
    public StageGraph(int height, int width, int channels,
                      BiFunction<Ops, Operand<TFloat32>, List<Operand<TFloat32>>> stage) {
        shape = Shape.of(1, height, width, channels);
        Graph g = new Graph();
        try {
            Ops tf = Ops.create(g);
            input = tf.withName("maps").placeholder(TFloat32.class, Placeholder.shape(shape));
            outputs = List.copyOf(stage.apply(tf, input));
            session = new Session(g);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        graph = g;
    }

    /** Runs the stage on {@code maps} and copies every output into Java maps. */
    public List<FeatureMaps> run(FeatureMaps maps) {
        if (maps.height() != shape.size(1) || maps.width() != shape.size(2) || maps.channels() != shape.size(3)) {
            throw new IllegalArgumentException("maps are " + maps.height() + "x" + maps.width() + "x"
                    + maps.channels() + ", the stage graph was built for " + shape);
        }
        Session.Runner runner = session.runner();
        List<FeatureMaps> copied = new ArrayList<>(outputs.size());
        try (TFloat32 in = maps.toTensor()) {
            runner.feed(input, in);
            outputs.forEach(runner::fetch);
            try (Result result = runner.run()) {
                for (int i = 0; i < outputs.size(); i++) {
                    copied.add(FeatureMaps.copyOf((TFloat32) result.get(i), 0));
                }
            }
        }
        return copied;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
