package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that takes a model takes it through the one {@link ModelOptions} mixin, and
 * {@code --resize} through {@link InputSizeOption}.
 */
class ModelOptionsTest {

    private static final List<String> MODEL_OPTIONS = List.of("--model", "--input-node", "--output-node",
            "--op-library", "--allow-op", "--resize");

    @ParameterizedTest
    @ValueSource(strings = {"estimate", "trace", "throughput", "compare-filters", "models info", "models variants",
            "models convert"})
    void everyModelCommandOffersTheModelOptions(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        CliResult result = CliResult.run(args.toArray(String[]::new));
        assertEquals(0, result.code(), result.err());
        for (String option : MODEL_OPTIONS) {
            assertTrue(result.out().contains(option), command + " lacks " + option + ":\n" + result.out());
        }
    }

    @Test
    void theRequiredVariantSaysSoAndTheZooDefaultNamesItsDefault() {
        CliResult estimate = CliResult.run("estimate", "--image", "ski.jpg");
        assertEquals(2, estimate.code());
        assertTrue(estimate.err().contains("Missing required option: '--model=<model>'"), estimate.err());
        CliResult info = CliResult.run("models", "info", "--help");
        assertTrue(info.out().contains("(default: mobilenet_thin)"), info.out());
    }

    @Test
    void theModelsCommandsUseTheGivenNodes() {
        CliResult result = CliResult.run("models", "info", "--output-node", "no/such/node");
        assertEquals(2, result.code(), result.out());
        assertTrue(result.err().startsWith("posebench info: ") && result.err().contains("no/such/node"), result.err());
    }

    @Test
    void aBadSizeIsAUsageErrorForThePipelineCommandsToo() {
        CliResult result = CliResult.run("estimate", "--model", "mobilenet_thin", "--image", "ski.jpg",
                "--resize", "432by368");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("'432by368' is not WIDTHxHEIGHT"), result.err());
    }
}
