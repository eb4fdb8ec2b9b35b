package posebench.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import posebench.model.OpPolicy;
import posebench.zoo.ModelSource;

/**
 * Runs one compile variant in a JVM of its own: each variant then starts from a fresh process
 * (no kernel caches or threads of another), and XLA also gets {@code TF_XLA_FLAGS} set before
 * TensorFlow loads.
 */
public final class VariantWorker {

    private static final long TIMEOUT_MINUTES = 30;

    private VariantWorker() {
    }

    /**
     * Arguments: model (zoo name or .pb path), input node, output node, height, width, compile
     * variant, intra-op threads, inter-op threads, warm-up runs, measured runs, result file, the op
     * types allowed beyond the allowlist (comma-separated, possibly empty), then op libraries to load.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 12) {
            throw new IllegalArgumentException("usage: VariantWorker model inputNode outputNode height width compile"
                    + " intraOp interOp warmups runs resultFile allowedOps [opLibrary...]");
        }
        OpPolicy policy = OpPolicy.DEFAULT.allowUnsafeOps(Arrays.stream(args[11].split(",")).filter(op -> !op.isEmpty())
                .toList());
        for (OpLibraries.Loaded library : OpLibraries.load(List.of(args).subList(12, args.length).stream()
                .map(Path::of).toList())) {
            policy = policy.withLibraryOps(library.ops());
        }
        SessionSettings settings = new SessionSettings(CompileVariant.parse(args[5]), Integer.parseInt(args[6]),
                Integer.parseInt(args[7]));
        VariantResult result = VariantRunner.run(ModelSource.resolve(args[0], args[1], args[2], policy), settings,
                Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[8]),
                Integer.parseInt(args[9]));
        result.writeTo(Path.of(args[10]));
    }

    /**
     * Runs {@link VariantRunner#run} in a forked JVM, with {@link ForkedJvm#xlaEnvironment()} for
     * XLA, and reads back its result.
     *
     * @param model a zoo name or the path of a .pb the child can read
     * @param inputNode the placeholder the child feeds, {@code outputNode} the output it fetches
     * @param allowedOps op types the child lets through beyond the allowlist ({@link OpPolicy#allowUnsafeOps})
     * @throws IllegalStateException if the child fails; the message holds the end of its output
     */
    public static VariantResult runForked(String model, String inputNode, String outputNode, SessionSettings settings,
            int height, int width, int warmups, int runs, List<Path> opLibraries, Collection<String> allowedOps)
            throws IOException, InterruptedException {
        Path resultFile = Files.createTempFile("posebench-variant-", ".bin");
        Path log = Files.createTempFile("posebench-variant-", ".log");
        try {
            List<String> arguments = new ArrayList<>(List.of(model, inputNode, outputNode, Integer.toString(height),
                    Integer.toString(width),
                    settings.compile().label(), Integer.toString(settings.intraOpThreads()),
                    Integer.toString(settings.interOpThreads()), Integer.toString(warmups), Integer.toString(runs),
                    resultFile.toString(), String.join(",", allowedOps)));
            opLibraries.forEach(library -> arguments.add(library.toString()));
            Map<String, String> environment = settings.compile() == CompileVariant.XLA
                    ? ForkedJvm.xlaEnvironment()
                    : Map.of();
            Process process = ForkedJvm.builder(VariantWorker.class, arguments, environment)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the " + settings.compile().label() + " variant of " + model
                        + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the " + settings.compile().label() + " variant of " + model
                        + " failed (exit " + process.exitValue() + "):\n" + tail(log));
            }
            return VariantResult.readFrom(resultFile);
        } finally {
            Files.deleteIfExists(resultFile);
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
