package posebench.onnx;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * How ONNX Runtime runs a converted network.
 *
 * @param intraOpThreads threads inside one op; 0 lets ORT choose (one per physical core)
 * @param optimization ORT's graph optimisation level
 * @param savedModel run ORT's saved optimised model, the "compiled" form: the session is opened once
 *     to let ORT optimise the graph and write it out ({@code SessionOptions.setOptimizedModelFilePath}),
 *     then the written model is run with further optimisation off
 * @param profilePrefix where ORT writes its per-node profile of every run ({@code <prefix>_<time>.json}),
 *     or null for no profile
 */
public record OrtSettings(int intraOpThreads, Optimization optimization, boolean savedModel, Path profilePrefix) {

    /** ORT's defaults: its thread count, every graph optimisation, optimised at each session start, no profile. */
    public static final OrtSettings DEFAULTS = new OrtSettings(0, Optimization.ALL, false, null);

    /** ORT's graph optimisation levels by their option value. */
    public enum Optimization {
        DISABLE(OptLevel.NO_OPT), BASIC(OptLevel.BASIC_OPT), EXTENDED(OptLevel.EXTENDED_OPT), ALL(OptLevel.ALL_OPT);

        final OptLevel level;

        Optimization(OptLevel level) {
            this.level = level;
        }

        /** The option value: {@code disable}, {@code basic}, {@code extended} or {@code all}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optimization parse(String label) {
            for (Optimization o : values()) {
                if (o.label().equalsIgnoreCase(label.strip())) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown ORT optimisation level '" + label + "': expected one of "
                    + Arrays.stream(values()).map(Optimization::label).collect(Collectors.joining(", ")));
        }
    }

    public OrtSettings {
        java.util.Objects.requireNonNull(optimization, "optimization");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("ORT intra-op threads must be 0 (ORT's choice) or positive, got "
                    + intraOpThreads);
        }
    }

    public OrtSettings(int intraOpThreads, Optimization optimization, boolean savedModel) {
        this(intraOpThreads, optimization, savedModel, null);
    }

    public OrtSettings withIntraOpThreads(int threads) {
        return new OrtSettings(threads, optimization, savedModel, profilePrefix);
    }

    public OrtSettings withProfiling(Path prefix) {
        return new OrtSettings(intraOpThreads, optimization, savedModel, prefix);
    }

    /** A short label for reports and file names, e.g. {@code ort-all} or {@code ort-all-saved}. */
    public String label() {
        return "ort-" + optimization.label() + (savedModel ? "-saved" : "");
    }
}
