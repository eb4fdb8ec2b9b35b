package posebench.estimator;

import java.util.function.Function;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * A pipeline's TensorFlow graph, built once: what comes before the post-processing ops (the
 * network, or a placeholder for its output), the ops themselves, and the session that runs them,
 * closed together.
 */
final class PipelineGraph implements AutoCloseable {

    private final Graph graph;
    private final Session session;
    private final PostProcessing post;

    /**
     * @param rawOutput adds what comes before the post-processing ops to the graph and returns the
     *     raw {@code [N, H/8, W/8, 57]} network output; when it or the rest fails, nothing stays open
     */
    PipelineGraph(Function<Graph, Operand<TFloat32>> rawOutput, PipelineOptions options, ConfigProto config) {
        Graph g = new Graph();
        try {
            post = PostProcessing.append(Ops.create(g), rawOutput.apply(g), options);
            session = new Session(g, config);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        graph = g;
    }

    PostProcessing post() {
        return post;
    }

    /** A runner of the session, to feed and fetch by name. */
    Session.Runner runner() {
        return session.runner();
    }

    GraphDef graphDef() {
        return graph.toGraphDef();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
