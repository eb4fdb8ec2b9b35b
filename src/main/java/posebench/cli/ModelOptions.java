package posebench.cli;

import java.util.Iterator;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import posebench.model.PoseModel;
import posebench.zoo.ModelSource;
import posebench.zoo.ModelZoo;

/**
 * The options that pick a model graph, its input and output nodes and the op types it may hold,
 * for every command that takes a model: {@link Required} where the user must name the model,
 * {@link ZooDefault} where the zoo's default model serves.
 */
public abstract sealed class ModelOptions permits ModelOptions.Required, ModelOptions.ZooDefault {

    @Option(names = "--input-node", defaultValue = PoseModel.DEFAULT_INPUT,
            description = "Input placeholder (default: ${DEFAULT-VALUE}).")
    String inputNode;

    @Option(names = "--output-node", defaultValue = PoseModel.DEFAULT_OUTPUT,
            description = "57-channel output node (default: ${DEFAULT-VALUE}).")
    String outputNode;

    @Mixin
    OpPolicyOptions ops;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** What {@code --model} names: a zoo model or a frozen graph file. */
    abstract String model();

    /** Resolves and validates the model, loading the op libraries first; warnings go to the command's error writer. */
    public PoseModel load() {
        return ModelSource.resolve(model(), inputNode, outputNode, ops.load(command.commandLine().getErr()));
    }

    /** {@code --model} must be given: the commands that estimate, trace and time a model of the user's. */
    public static final class Required extends ModelOptions {

        @Option(names = "--model", required = true, completionCandidates = ZooNames.class,
                description = "Frozen GraphDef (.pb or .pbtxt) or zoo model name (${COMPLETION-CANDIDATES}).")
        String model;

        @Override
        String model() {
            return model;
        }
    }

    /** {@code --model} defaults to the zoo's default model: the {@code models} commands that inspect graphs. */
    public static final class ZooDefault extends ModelOptions {

        @Option(names = "--model", defaultValue = ModelZoo.DEFAULT_MODEL, completionCandidates = ZooNames.class,
                description = "Zoo model (${COMPLETION-CANDIDATES}) or frozen .pb path (default: ${DEFAULT-VALUE}).")
        String model;

        @Override
        String model() {
            return model;
        }
    }

    /** The zoo names, for picocli's completion candidates and help. */
    static final class ZooNames implements Iterable<String> {

        @Override
        public Iterator<String> iterator() {
            return ModelZoo.names().iterator();
        }
    }
}
