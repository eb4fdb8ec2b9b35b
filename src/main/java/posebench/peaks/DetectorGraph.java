package posebench.peaks;

import java.util.Arrays;
import java.util.function.Consumer;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * A detector's TensorFlow graph for one input shape and the session that runs it, rebuilt when the
 * shape changes and closed together. Not safe for concurrent use.
 */
final class DetectorGraph implements AutoCloseable {

    private final ConfigProto config;
    private Graph graph;
    private Session session;
    /** What the current graph was built for; null before the first build. */
    private int[] shape;

    DetectorGraph(ConfigProto config) {
        this.config = config;
    }

    /** A session configuration with TensorFlow's intra-op and inter-op pools of {@code threads} threads each. */
    static ConfigProto pools(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads)
                .build();
    }

    /**
     * {@link #pools} except that the graph's ops run on the thread that calls the session
     * (TensorFlow's negative inter-op count): for graphs of one small op, where a hand-off to the
     * inter-op threads costs more than the op.
     */
    static ConfigProto onCallingThread(int threads) {
        return pools(threads).toBuilder().setInterOpParallelismThreads(-1).build();
    }

    /** The session for {@code shape}, building the graph with {@code build} unless the current one has that shape. */
    Session session(int[] shape, Consumer<Ops> build) {
        if (!Arrays.equals(this.shape, shape)) {
            close();
            graph = new Graph();
            build.accept(Ops.create(graph));
            session = new Session(graph, config);
            this.shape = shape.clone();
        }
        return session;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (graph != null) {
            graph.close();
            graph = null;
        }
        shape = null;
    }
}
