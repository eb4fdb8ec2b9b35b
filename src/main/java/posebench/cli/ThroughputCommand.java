package posebench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import posebench.compile.CompileVariant;
import posebench.compile.SessionSettings;
import posebench.estimator.PipelineOptions;
import posebench.model.PoseModel;
import posebench.throughput.ImageInput;
import posebench.throughput.ImageResult;
import posebench.throughput.JsonLinesOutput;
import posebench.throughput.ResultSink;
import posebench.throughput.RunSummary;
import posebench.throughput.ThroughputRunner;

/**
 * {@code posebench throughput}: the whole pipeline over many images with several workers,
 * pipelined and batched, reporting FPS, latency percentiles and CPU utilisation.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline over many images and report FPS, latency and CPU use.",
                "Bad images are reported and counted, never fatal: with --out every input gets exactly one "
                        + "result or error line. Ctrl-C stops after the lines being written; --resume continues."})
final class ThroughputCommand extends PipelineCommand implements Callable<Integer> {

    /** Failed inputs listed at the end; the rest are counted (and all are in --out). */
    private static final int LISTED_FAILURES = 20;
    /** How long a Ctrl-C waits for the session runs in flight before the JVM exits anyway. */
    private static final long SHUTDOWN_GRACE_SECONDS = 30;

    @Option(names = "--images", description = "Directory of images: every regular file in it, sorted by name.")
    private Path images;

    @Option(names = "--image", description = "One image, run --repeat times.")
    private Path image;

    @Option(names = "--repeat", defaultValue = "1", description = "Times to run --image (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--workers", defaultValue = "1",
            description = "Workers, each with its own TensorFlow session (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--batch", defaultValue = "1", description = "Images per session run (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--intra-op", defaultValue = "0",
            description = "TensorFlow intra-op threads per session; 0 lets TensorFlow pick (default: ${DEFAULT-VALUE}).")
    private int intraOp;

    @Option(names = "--pipeline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Decode/resize, inference and PAF assembly on their own threads (default: on).")
    private boolean pipelined;

    @Option(names = "--out", description = "JSON Lines output: one line per input, its humans or its error.")
    private Path out;

    @Option(names = "--resume", description = "Append to --out, skipping the inputs it already has a line for.")
    private boolean resume;

    @Option(names = "--quiet", description = "No progress bar.")
    private boolean quiet;

    @Override
    public Integer call() {
        List<ImageInput> inputs = inputs();
        if (workers < 1 || batch < 1 || intraOp < 0) {
            throw new ParameterException(spec.commandLine(), "--workers and --batch must be at least 1 and --intra-op"
                    + " at least 0, got " + workers + ", " + batch + ", " + intraOp);
        }
        if (resume && out == null) {
            throw new ParameterException(spec.commandLine(), "--resume needs --out");
        }
        PoseModel model = modelOptions.load();
        checkBatch(model, batch);
        PipelineOptions options = pipeline.options();
        JsonLinesOutput output = out == null ? null : resume ? JsonLinesOutput.resume(out, model.source(), options)
                : JsonLinesOutput.create(out, model.source(), options);
        try (output) {
            List<ImageInput> todo = output == null ? inputs : output.remaining(inputs);
            if (output != null && resume) {
                spec.commandLine().getOut().printf("resuming %s: %d of %d inputs done%s%n", out, output.finishedCount(), inputs.size(),
                        output.droppedBytes() > 0 ? ", cut a partial last line of " + output.droppedBytes() + " bytes" : "");
            }
            ConfigProto session = new SessionSettings(CompileVariant.NONE, intraOp, 0).toConfigProto();
            try (ThroughputRunner runner = ThroughputRunner.create(model, options, session, pipeline.ortSettings(),
                    workers, batch, pipelined)) {
                runner.warmUp();
                return run(runner, todo, output);
            }
        }
    }

    private int run(ThroughputRunner runner, List<ImageInput> todo, JsonLinesOutput output) {
        List<ImageResult> failures = new ArrayList<>();
        ProgressBar bar = quiet || System.console() == null ? null : new ProgressBarBuilder()
                .setTaskName("throughput").setInitialMax(todo.size()).setUnit(" img", 1).showSpeed()
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    spec.commandLine().getErr().print('\r' + line);
                    spec.commandLine().getErr().flush();
                })).build();
        ResultSink sink = result -> {
            if (output != null) {
                output.accept(result);
            }
            if (!result.ok()) {
                synchronized (failures) {
                    failures.add(result);
                }
            }
            if (bar != null) {
                bar.step();
            }
        };
        // Ctrl-C or SIGTERM: cancel the run and let it close the output between two lines.
        Thread runThread = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runThread.interrupt();
            try {
                finished.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "throughput-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RunSummary summary;
        try {
            summary = runner.run(todo, sink);
        } finally {
            if (bar != null) {
                bar.close();
            }
            if (output != null) {
                output.close();
            }
            finished.countDown();
        }
        report(summary, failures);
        if (summary.cancelled()) {
            return 130;
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        return 0;
    }

    private void report(RunSummary s, List<ImageResult> failures) {
        spec.commandLine().getOut().printf("%s%d images (%d ok, %d failed) in %.2f s: %.2f FPS%n", s.cancelled() ? "cancelled after " : "",
                s.succeeded() + s.failed(), s.succeeded(), s.failed(), s.wallNanos() / 1e9, s.fps());
        spec.commandLine().getOut().printf("latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; CPU %.0f %% of %d cores, %.3f CPU-s/image%n",
                s.latencyMillis(50), s.latencyMillis(95), s.latencyMillis(99), 100 * s.cpuUtilisation(), s.cores(),
                s.cpuSecondsPerImage());
        spec.commandLine().getOut().printf("workers %d, batch %d, %s, intra-op %s%n", workers, batch,
                pipelined ? "pipelined" : "not pipelined", intraOp == 0 ? "TensorFlow default" : intraOp);
        synchronized (failures) {
            for (ImageResult f : failures.subList(0, Math.min(LISTED_FAILURES, failures.size()))) {
                spec.commandLine().getErr().println("failed: " + f.error());
            }
            if (failures.size() > LISTED_FAILURES) {
                spec.commandLine().getErr().printf("... and %d more failures%s%n", failures.size() - LISTED_FAILURES,
                        out == null ? "" : ", all in " + out);
            }
        }
        if (out != null) {
            spec.commandLine().getOut().println("wrote " + out);
        }
    }

    private List<ImageInput> inputs() {
        if ((images == null) == (image == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --images DIR or --image FILE");
        }
        if (images != null && repeat != 1) {
            throw new ParameterException(spec.commandLine(), "--repeat goes with --image, not --images");
        }
        return images != null ? ImageInput.fromDirectory(images) : ImageInput.repeated(image, repeat);
    }

    /** A placeholder with a fixed batch axis fails at the first run; say why before loading anything. */
    private static void checkBatch(PoseModel model, int batch) {
        String name = model.inputNode();
        for (NodeDef node : model.graphDef().getNodeList()) {
            if (node.getName().equals(name) && node.containsAttr("shape")) {
                TensorShapeProto shape = node.getAttrOrThrow("shape").getShape();
                long fixed = shape.getDimCount() > 0 ? shape.getDim(0).getSize() : -1;
                if (fixed > 0 && fixed != batch) {
                    throw new IllegalArgumentException(model.source() + ": input placeholder '" + name
                            + "' has a fixed batch axis of " + fixed + "; --batch " + batch
                            + " needs one that accepts [N, H, W, 3] (-1)");
                }
            }
        }
    }
}
