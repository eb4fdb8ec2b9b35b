package posebench.estimator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which runtime runs the network: TensorFlow, or ONNX Runtime on the graph converted to ONNX. */
public enum InferenceEngine {

    /** TensorFlow Java, the network and the post-processing ops in one session run. */
    TF,

    /** ONNX Runtime on the {@code posebench.onnx} conversion; the post-processing runs after it in TensorFlow and Java. */
    ONNX;

    /** The option value: {@code tf} or {@code onnx}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an option value, ignoring case. */
    public static InferenceEngine parse(String label) {
        for (InferenceEngine engine : values()) {
            if (engine.label().equalsIgnoreCase(label.strip())) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown runtime '" + label + "': expected one of "
                + Arrays.stream(values()).map(InferenceEngine::label).collect(Collectors.joining(", ")));
    }
}
