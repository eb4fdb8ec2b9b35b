package posebench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

import posebench.compile.OpLibraries;
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

    @Option(names = "--op-library", description = "TensorFlow op library to load first (e.g. the Neuron one"
            + " for graphs compiled for AWS Inferentia); repeatable.")
    List<Path> opLibraries = new ArrayList<>();

    public PoseModel load() {
        OpLibraries.load(opLibraries);
        return ModelSource.resolve(model, inputNode, outputNode);
    }
}
