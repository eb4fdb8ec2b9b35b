package posebench.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tensorflow.TensorFlow;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.OpDef;

/**
 * TensorFlow op libraries loaded at run time ({@code --op-library}), such as the AWS Neuron
 * library whose {@code NeuronOp} runs graphs compiled for Inferentia.
 */
public final class OpLibraries {

    /** A loaded library and the op types it registered. */
    public record Loaded(Path path, List<String> ops) {

        public Loaded {
            ops = List.copyOf(ops);
        }
    }

    private OpLibraries() {
    }

    /**
     * Loads each library into this process's TensorFlow, in order.
     *
     * @throws IllegalArgumentException naming the library if it is missing or fails to load
     */
    public static List<Loaded> load(List<Path> libraries) {
        List<Loaded> loaded = new ArrayList<>();
        for (Path library : libraries) {
            if (!Files.isRegularFile(library)) {
                throw new IllegalArgumentException("op library not found: " + library.toAbsolutePath());
            }
            try {
                List<String> ops = TensorFlow.loadLibrary(library.toAbsolutePath().toString()).getOpList().stream()
                        .map(OpDef::getName)
                        .toList();
                loaded.add(new Loaded(library, ops));
            } catch (UnsatisfiedLinkError | TensorFlowException e) {
                // TensorFlow reports a file that is no shared library, or whose symbols do not
                // resolve against this TensorFlow, as a link error.
                throw new IllegalArgumentException("cannot load op library " + library.toAbsolutePath() + ": "
                        + e.getMessage(), e);
            }
        }
        return loaded;
    }
}
