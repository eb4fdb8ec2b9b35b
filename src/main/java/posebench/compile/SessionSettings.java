package posebench.compile;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

    /** oneDNN's cap on the instruction sets its kernels may use. */
    public static final String MAX_ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    /** oneDNN's ISA names below the first with bfloat16 convolutions (AVX512_CORE_BF16, or AVX2_VNNI_2). */
    private static final Set<String> ISAS_WITHOUT_BF16 = Set.of("SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX512_CORE",
            "AVX512_CORE_VNNI");

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
            case BF16 -> {
                bfloat16Unavailable().ifPresent(reason -> {
                    throw new IllegalStateException("compile bf16: " + reason);
                });
                rewriter.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
            }
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

    /**
     * Why this process cannot run the bf16 variant, if it cannot: TensorFlow enables the rewrite from
     * the CPU's own flags, so with oneDNN capped below bfloat16 ({@value #MAX_ISA_VARIABLE}=AVX2) it
     * asks oneDNN for kernels it refuses to build and the process dies (SIGILL in
     * {@code MklConvFwdPrimitive<bfloat16>}); a clear error instead.
     */
    public static Optional<String> bfloat16Unavailable() {
        return bfloat16Unavailable(System.getenv(MAX_ISA_VARIABLE));
    }

    /** {@link #bfloat16Unavailable()} for the cap {@code maxIsa} (null: none). */
    static Optional<String> bfloat16Unavailable(String maxIsa) {
        if (maxIsa == null || !ISAS_WITHOUT_BF16.contains(maxIsa.strip().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(MAX_ISA_VARIABLE + "=" + maxIsa + " leaves oneDNN without bfloat16 kernels; unset it"
                + " or use the none or xla variant");
    }

    /** Whether this process was started with {@value #XLA_CPU_FLAG} in {@value #XLA_FLAGS_VARIABLE}. */
    public static boolean xlaFlagInEnvironment() {
        String flags = System.getenv(XLA_FLAGS_VARIABLE);
        return flags != null && flags.contains(XLA_CPU_FLAG);
    }
}
