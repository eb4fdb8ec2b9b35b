package posebench.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import posebench.model.PoseModel;
import posebench.zoo.ModelSource;

/** The options that pick a model graph and its input and output nodes. */
public final class ModelOptions {

    @Option(names = "--model", required = true, description = "Frozen GraphDef (.pb or .pbtxt) or zoo model name.")
    String model;

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

    public PoseModel load() {
        return ModelSource.resolve(model, inputNode, outputNode, ops.load(command.commandLine().getErr()));
    }
}
