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

    /** The op name of a tensor name or node input: {@code op:1} and control input {@code ^op} to {@code op}. */
    public static String nodeName(String tensorName) {
        String name = tensorName.startsWith("^") ? tensorName.substring(1) : tensorName;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The op name of the input placeholder. */
    public String inputNode() {
        return nodeName(inputName);
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
