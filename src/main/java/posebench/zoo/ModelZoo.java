package posebench.zoo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

import org.tensorflow.proto.GraphDef;

import posebench.io.AtomicFile;
import posebench.model.PoseModel;

/**
 * The architecture-faithful model zoo: frozen tf-pose graphs with generated, deterministic
 * weights, for benchmarks that cannot rely on downloading trained ones.
 *
 * <p>Every zoo graph has tf-pose's loading contract: float32 placeholder {@value #INPUT} of
 * shape {@code [1, H, W, 3]} (BGR, 0..255; any H and W) and output {@value #OUTPUT} of shape
 * {@code [1, H/8, W/8, 57]}, 19 heatmaps then 38 PAFs. Inference cost depends on the
 * architecture only, so timings and FLOPs match the trained models; the detected poses do not.
 */
public final class ModelZoo {

    public static final String CMU = "cmu";
    public static final String MOBILENET_THIN = "mobilenet_thin";

    /**
     * The model benchmarks use on a fresh machine: mobilenet_thin, 1/32 of CMU's multiply-adds,
     * so a whole suite stays minutes long on two cores.
     */
    public static final String DEFAULT_MODEL = MOBILENET_THIN;

    public static final String INPUT = PoseModel.DEFAULT_INPUT;
    public static final String OUTPUT = PoseModel.DEFAULT_OUTPUT;

    /** Seed of every zoo graph: fixed, so a name always means the same weights. */
    static final long SEED = 20170418L;

    private static final List<String> NAMES = List.of(CMU, MOBILENET_THIN);

    private ModelZoo() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static boolean isZooName(String name) {
        return NAMES.contains(name);
    }

    /** Builds the named graph in memory; the same name gives an identical graph every time. */
    public static GraphDef generate(String name) {
        return network(name).apply(SEED);
    }

    /**
     * Writes the named graph as a binary GraphDef {@code <name>.pb} in {@code directory}
     * (created when missing) and returns its path.
     */
    public static Path write(String name, Path directory) throws IOException {
        GraphDef graph = generate(name);
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".pb");
        AtomicFile.write(file, temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                graph.writeTo(out);
            }
        });
        return file;
    }

    private static LongFunction<GraphDef> network(String name) {
        return switch (name) {
            case CMU -> CmuNetwork::build;
            case MOBILENET_THIN -> MobilenetThinNetwork::build;
            default -> throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "unknown zoo model '%s': the zoo holds %s", name, String.join(", ", NAMES)));
        };
    }
}
