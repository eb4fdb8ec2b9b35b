package posebench.model;

import java.util.Objects;

import org.tensorflow.proto.GraphDef;

/**
 * A validated OpenPose network: its frozen GraphDef, where it came from, and the names of its
 * image input placeholder and its 57-channel output.
 */
public record PoseModel(GraphDef graphDef, String source, String inputName, String outputName) {

    public static final String DEFAULT_INPUT = "image";
    public static final String DEFAULT_OUTPUT = "Openpose/concat_stage7";
    /** 19 heatmaps (18 parts and background) then 38 PAF channels. */
    public static final int OUTPUT_CHANNELS = 57;

    public PoseModel {
        Objects.requireNonNull(graphDef, "graphDef");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(outputName, "outputName");
    }

    /** The output as a fetchable tensor name ({@code op:index}). */
    public String outputTensor() {
        return outputName.contains(":") ? outputName : outputName + ":0";
    }

    /** The input as a feedable tensor name ({@code op:index}). */
    public String inputTensor() {
        return inputName.contains(":") ? inputName : inputName + ":0";
    }
}
