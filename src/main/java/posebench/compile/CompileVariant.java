package posebench.compile;

import java.util.Locale;

import org.tensorflow.proto.GraphDef;

import posebench.model.PoseModel;
import posebench.options.Labelled;

/** How TensorFlow compiles a graph for the CPU: the role Neuron compilation plays on Inferentia. */
public enum CompileVariant implements Labelled {

    /** TensorFlow's default: grappler rewrites, oneDNN kernels, fp32. */
    NONE,

    /** XLA JIT: grappler clusters the graph and XLA compiles each cluster to fused CPU code. */
    XLA,

    /**
     * Grappler's oneDNN auto mixed precision: convolutions and matrix products in bfloat16, on a
     * graph whose convolutions read an even number of channels ({@link ChannelPadding}).
     */
    BF16;

    /** The option value: {@code none}, {@code xla} or {@code bf16}. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The graph this variant runs: {@code graph} itself, or for bf16 its {@link ChannelPadding} rewrite. */
    public GraphDef prepare(GraphDef graph) {
        return this == BF16 ? ChannelPadding.evenInputChannels(graph) : graph;
    }

    /** {@code model} with the graph this variant runs, its names and source unchanged. */
    public PoseModel prepare(PoseModel model) {
        return new PoseModel(prepare(model.graphDef()), model.source(), model.inputName(), model.outputName());
    }

    /** Parses an option value, ignoring case. */
    public static CompileVariant parse(String label) {
        return Labelled.lookup(CompileVariant.class, "compile variant", label);
    }
}
