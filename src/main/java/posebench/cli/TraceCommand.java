package posebench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import posebench.compile.CompileVariant;
import posebench.compile.SessionSettings;
import posebench.estimator.InferenceEngine;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.model.PoseModel;
import posebench.onnx.OrtSettings;
import posebench.profile.FlopSource;
import posebench.profile.HeapFootprint;
import posebench.profile.OpTrace;
import posebench.profile.OrtProfile;
import posebench.profile.ScopeTable;
import posebench.profile.TraceReport;

/** {@code posebench trace}: the TF profiler's scope view of the pipeline graph, printed and written to profiles/. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Trace the pipeline graph (network, upsampling, smoothing, peaks) with FULL_TRACE and print"
                + " the TF profiler's scope view: per name scope, self/total requested bytes, execution,"
                + " accelerator and CPU time, means over the runs.",
                "Writes <out>/trace-<model>-<WxH>-f<filter>-<compile>[-<smoother>][-r<ratio>][-s<sigma>].txt (as printed),"
                        + " .csv and .json (every row); with --runtime onnx, <compile> is ort-<optimisation>[-saved]"
                        + " and the network's rows come from ONNX Runtime's profile."})
final class TraceCommand extends PipelineCommand implements Callable<Integer> {

    @Option(names = "--compile", defaultValue = "none",
            description = "Compile variant: none, xla or bf16 (default: ${DEFAULT-VALUE}).")
    private String compile;

    @Option(names = "--runs", defaultValue = "10", description = "Traced runs to average (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "Untraced runs first (default: ${DEFAULT-VALUE}).")
    private int warmups;

    @Option(names = "--image", description = "Input image (default: a uniform gray image; the graph's cost barely depends on it).")
    private Path image;

    @Option(names = "--depth", description = "Deepest scope level shown (1 = top-level scopes; default: all).")
    private Integer depth;

    @Option(names = "--min-ms", defaultValue = "0.001",
            description = "Hide rows whose total time is below this many ms (default: ${DEFAULT-VALUE}, tfprof's 1 us).")
    private double minMillis;

    @Option(names = "--out", defaultValue = "profiles", description = "Directory for the files (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--heap", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure the Java-side stage outputs with JOL (default: on; --no-heap skips it).")
    private boolean heap;

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("--runs must be at least 1 and --warmup at least 0, got " + runs + " and " + warmups);
        }
        if (depth != null && depth < 0 || minMillis < 0) {
            throw new IllegalArgumentException("--depth and --min-ms must not be negative");
        }
        PipelineOptions options = pipeline.options();
        CompileVariant variant = CompileVariant.parse(compile);
        boolean onnx = options.runtime() == InferenceEngine.ONNX;
        if (onnx && variant != CompileVariant.NONE) {
            throw new IllegalArgumentException("--compile " + variant.label() + " is a TensorFlow variant; with"
                    + " --runtime onnx use --ort-saved for ORT's compiled form");
        }
        BgrImage decoded = image != null ? ImageDecoder.decode(image) : grayImage(options);
        PoseModel model = variant.prepare(modelOptions.load());
        Path profileDir = onnx ? Files.createTempDirectory("posebench-ort-profile") : null;
        OrtSettings ort = onnx ? pipeline.ortSettings().withProfiling(profileDir.resolve("ort")) : pipeline.ortSettings();
        try (PoseEstimator estimator = new PoseEstimator(model, options, SessionSettings.of(variant).toConfigProto(),
                ort)) {
            float[] input = estimator.preprocess(decoded);
            OpTrace trace = OpTrace.record(estimator, input, warmups, runs);
            if (onnx) {
                // The network's nodes from ORT's profile, the post-processing ops' from TensorFlow's trace.
                Path profile = estimator.endRuntimeProfiling().orElseThrow();
                trace = OrtProfile.read(profile, nodeNames(model), warmups).alongside(trace);
            }
            HeapFootprint footprint = heap ? HeapFootprint.measure(estimator, input) : null;
            ScopeTable table = ScopeTable.of(trace, FlopSource.standard().flopsPerNode(estimator));
            TraceReport report = new TraceReport(model.source(), options, onnx ? ort.label() : variant.label(), warmups,
                    table, footprint);
            int shownDepth = depth == null ? ScopeTable.ALL_DEPTHS : depth;
            spec.commandLine().getOut().print(report.text(shownDepth, minMillis));
            List<Path> files = report.write(out, report.stem(), shownDepth, minMillis);
            spec.commandLine().getOut().println();
            files.forEach(f -> spec.commandLine().getOut().println("wrote " + f));
        } finally {
            if (profileDir != null) {
                deleteTree(profileDir);
            }
        }
        return 0;
    }

    private static Set<String> nodeNames(PoseModel model) {
        Set<String> names = new HashSet<>();
        model.graphDef().getNodeList().forEach(node -> names.add(node.getName()));
        return names;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static BgrImage grayImage(PipelineOptions options) {
        byte[] pixels = new byte[options.targetWidth() * options.targetHeight() * 3];
        Arrays.fill(pixels, (byte) 128);
        return new BgrImage(pixels, options.targetHeight(), options.targetWidth());
    }
}
