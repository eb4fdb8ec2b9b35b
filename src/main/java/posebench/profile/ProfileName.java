package posebench.profile;

import org.openjdk.jmh.infra.BenchmarkParams;

import posebench.estimator.PipelineOptions;
import posebench.model.ModelLabel;
import posebench.peaks.PeakDetectorKind;
import posebench.results.BenchmarkKey;

/**
 * File names for profiles that spell out what was measured, so runs with different parameters
 * never overwrite each other: {@code trace-mobilenet_v2_small-432x368-f25-none} for a pipeline,
 * {@code flame-PipelineBenchmark.estimate-avgt-filterSize-25} for a JMH benchmark.
 */
public final class ProfileName {

    private ProfileName() {
    }

    /**
     * {@code kind-model-WxH-fN-variant}, with the smoother, {@code -rRATIO} and {@code -sSIGMA}
     * appended where they differ from tf-pose's defaults (its smoother is depthwise, whatever
     * posebench's default is, so the names of depthwise traces stay what they were).
     */
    public static String pipeline(String kind, String modelSource, PipelineOptions options, String variant) {
        StringBuilder name = new StringBuilder(kind).append('-').append(modelName(modelSource)).append('-')
                .append(options.targetWidth()).append('x').append(options.targetHeight())
                .append("-f").append(options.filterSize()).append('-').append(safe(variant));
        if (options.smoother() != PeakDetectorKind.DEPTHWISE) {
            name.append('-').append(options.smoother().label());
        }
        if (options.resizeOutRatio() != PipelineOptions.DEFAULTS.resizeOutRatio()) {
            name.append("-r").append(decimal(options.resizeOutRatio()));
        }
        if (options.sigma() != PipelineOptions.DEFAULTS.sigma()) {
            name.append("-s").append(decimal(options.sigma()));
        }
        return name.toString();
    }

    /** {@code kind-Class.method-mode}, then {@code -param-value} for each JMH parameter. */
    public static String benchmark(String kind, BenchmarkParams params) {
        StringBuilder name = new StringBuilder(kind).append('-').append(BenchmarkKey.shortName(params.getBenchmark()))
                .append('-').append(params.getMode().shortLabel());
        for (String key : params.getParamsKeys()) {
            String value = params.getParam(key);
            name.append('-').append(safe(key)).append('-').append(value.contains("/") ? modelName(value) : safe(value));
        }
        return name.toString();
    }

    /** {@link ModelLabel} made safe for a file name. */
    static String modelName(String source) {
        return safe(ModelLabel.of(source));
    }

    private static String decimal(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String safe(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9._+=-]", "_");
        return cleaned.isEmpty() ? "_" : cleaned;
    }
}
