package posebench.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import posebench.estimator.PipelineOptions;

/** The {@code --resize} option: the network's input size, as tf-pose's {@code --resize} gives it. */
public final class InputSizeOption {

    @Option(names = "--resize", defaultValue = PipelineOptions.DEFAULT_SIZE, converter = InputSizeConverter.class,
            description = "Network input size WIDTHxHEIGHT (default: ${DEFAULT-VALUE}).")
    InputSize size;

    public InputSize size() {
        return size;
    }

    /** An input size given as {@code WIDTHxHEIGHT}. */
    public record InputSize(int width, int height) {

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /** Parses {@code 432x368}; the error shows the expected form. */
    static final class InputSizeConverter implements ITypeConverter<InputSize> {

        @Override
        public InputSize convert(String value) {
            try {
                int[] size = PipelineOptions.parseSize(value);
                if (size[0] > 0 && size[1] > 0) {
                    return new InputSize(size[0], size[1]);
                }
            } catch (IllegalArgumentException e) {
                // Reported below with the expected form.
            }
            throw new TypeConversionException("'" + value + "' is not WIDTHxHEIGHT with positive numbers, e.g. 432x368");
        }
    }
}
