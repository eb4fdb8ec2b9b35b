package posebench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

import posebench.compile.OpLibraries;
import posebench.model.OpPolicy;

/** The options that say which op types a model graph may hold beyond posebench's allowlist. */
public final class OpPolicyOptions {

    @Option(names = "--op-library", paramLabel = "PATH", description = "TensorFlow op library to load first (e.g."
            + " the Neuron one for graphs compiled for AWS Inferentia); its ops are then allowed; repeatable.")
    List<Path> opLibraries = new ArrayList<>();

    @Option(names = "--allow-op", paramLabel = "TYPE", description = "Run nodes of this op type although it is not"
            + " on posebench's allowlist of pure tensor ops (e.g. WriteFile): only for a graph you trust; repeatable.")
    List<String> allowedOps = new ArrayList<>();

    /** Loads the op libraries and returns the policy they and {@code --allow-op} give, warning to {@code err}. */
    OpPolicy load(PrintWriter err) {
        OpPolicy policy = OpPolicy.DEFAULT.allowUnsafeOps(allowedOps).warnTo(warning -> {
            err.println("posebench: " + warning);
            err.flush();
        });
        for (OpLibraries.Loaded library : OpLibraries.load(opLibraries)) {
            policy = policy.withLibraryOps(library.ops());
        }
        return policy;
    }
}
