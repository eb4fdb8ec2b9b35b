package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import posebench.estimator.PipelineOptions;
import posebench.peaks.PeakDetectorKind;

/** The pipeline options on the command line: defaults are tf-pose's, {@code --no-ipp} turns IPP's resize off. */
class PipelineOptionsMixinTest {

    @Command
    static final class Holder {
        @Mixin
        PipelineOptionsMixin pipeline;
    }

    private static PipelineOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.pipeline.options();
    }

    @Test
    void defaultsAreTfPosesWithIpp() {
        assertEquals(PipelineOptions.DEFAULTS, parse());
        assertTrue(parse().ipp());
    }

    @Test
    void noIppKeepsTheOtherOptions() {
        PipelineOptions options = parse("--no-ipp", "--filter-size", "5", "--smoother", "threshold");
        assertFalse(options.ipp());
        assertEquals(PipelineOptions.DEFAULTS.withFilterSize(5).withSmoother(PeakDetectorKind.THRESHOLD)
                .withIpp(false), options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"estimate", "trace", "throughput", "compare-filters"})
    void everyPipelineCommandTakesNoIpp(String command) {
        CliResult result = CliResult.run(command, "--help");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("--no-ipp"), result.out());
    }
}
