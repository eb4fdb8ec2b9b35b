package posebench.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that runs the pipeline on a model of the user's shares: its command spec
 * (for its writers), the model options with {@code --model} required, and the pipeline options.
 */
abstract class PipelineCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions.Required modelOptions;

    @Mixin
    PipelineOptionsMixin pipeline;
}
