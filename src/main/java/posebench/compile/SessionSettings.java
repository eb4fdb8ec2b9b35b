package posebench.compile;

import java.util.Objects;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How a TensorFlow session runs a graph: the compile variant and the thread pools.
 *
 * @param compile the compile variant
 * @param intraOpThreads threads inside one op (a convolution); 0 lets TensorFlow choose
 * @param interOpThreads ops run concurrently; 0 lets TensorFlow choose
 */
public record SessionSettings(CompileVariant compile, int intraOpThreads, int interOpThreads) {

    /** The environment variable through which TensorFlow reads XLA's process-wide flags. */
    public static final String XLA_FLAGS_VARIABLE = "TF_XLA_FLAGS";

    /** The flag that lets XLA auto-cluster CPU graphs; any unknown flag aborts TensorFlow. */
    public static final String XLA_CPU_FLAG = "--tf_xla_cpu_global_jit";

    public SessionSettings {
        Objects.requireNonNull(compile, "compile");
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (TensorFlow's choice) or positive, got intra-op "
                    + intraOpThreads + ", inter-op " + interOpThreads);
        }
    }

    /** The variant with TensorFlow's default thread pools. */
    public static SessionSettings of(CompileVariant compile) {
        return new SessionSettings(compile, 0, 0);
    }

    public SessionSettings withCompile(CompileVariant variant) {
        return new SessionSettings(variant, intraOpThreads, interOpThreads);
    }

    /**
     * The session configuration.
     *
     * <p>XLA: {@code global_jit_level = ON_1} turns auto-clustering on, but TensorFlow clusters
     * CPU graphs only when {@code cpu_global_jit} is also set, here or through
     * {@value #XLA_FLAGS_VARIABLE}={@value #XLA_CPU_FLAG} in the environment before TensorFlow
     * loads; this configuration sets it, so XLA needs no special environment.
     */
    public ConfigProto toConfigProto() {
        OptimizerOptions.Builder optimizer = OptimizerOptions.newBuilder();
        RewriterConfig.Builder rewriter = RewriterConfig.newBuilder();
        switch (compile) {
            case XLA -> optimizer.setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1).setCpuGlobalJit(true);
            case BF16 -> rewriter.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
            case NONE -> {
                // TensorFlow's defaults.
            }
        }
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .setGraphOptions(GraphOptions.newBuilder()
                        .setOptimizerOptions(optimizer)
                        .setRewriteOptions(rewriter))
                .build();
    }

    /** Whether this process was started with {@value #XLA_CPU_FLAG} in {@value #XLA_FLAGS_VARIABLE}. */
    public static boolean xlaFlagInEnvironment() {
        String flags = System.getenv(XLA_FLAGS_VARIABLE);
        return flags != null && flags.contains(XLA_CPU_FLAG);
    }
}
