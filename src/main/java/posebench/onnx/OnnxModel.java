package posebench.onnx;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import posebench.io.AtomicFile;

/**
 * A tf-pose network converted to an ONNX ModelProto for one input size: input {@link #inputName()}
 * of shape {@code [N, height, width, 3]} (NHWC, as the TensorFlow graph takes it), output
 * {@link #outputName()} of shape {@link #outputShape()}, {@code [N, height/8, width/8, 57]}.
 *
 * @param bytes the serialised ModelProto
 * @param source the file or zoo name of the TensorFlow graph
 * @param outputShape the output's NHWC shape, -1 for the batch size
 * @param opCounts how many ONNX nodes of each op type the model holds
 */
public record OnnxModel(ByteString bytes, String source, String inputName, String outputName, int height, int width,
                        List<Long> outputShape, Map<String, Integer> opCounts) {

    public OnnxModel {
        outputShape = List.copyOf(outputShape);
        opCounts = Map.copyOf(opCounts);
    }

    /** The model as one array, as ONNX Runtime loads it. */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** Writes the model to {@code file}, atomically. */
    public void write(Path file) {
        AtomicFile.write(file, temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                bytes.writeTo(out);
            }
        });
    }
}
