package posebench.compile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import posebench.io.AtomicFile;

/**
 * One compile variant run on the fixed input: its run times, its output and how many XLA
 * clusters TensorFlow compiled.
 *
 * @param variant the compile variant
 * @param runNanos the time of each measured run, warm-up excluded
 * @param xlaClusters XLA clusters that ran in a traced run (0 unless the variant is XLA)
 * @param outputShape shape of the output tensor
 * @param output the output of the last run, row-major
 */
public record VariantResult(CompileVariant variant, long[] runNanos, int xlaClusters, long[] outputShape,
        float[] output) {

    public VariantResult {
        Objects.requireNonNull(variant, "variant");
        if (runNanos.length == 0) {
            throw new IllegalArgumentException("a variant result needs at least one measured run");
        }
        if (Arrays.stream(outputShape).reduce(1, Math::multiplyExact) != output.length) {
            throw new IllegalArgumentException("output holds " + output.length + " values, shape "
                    + Arrays.toString(outputShape) + " needs " + Arrays.stream(outputShape).reduce(1, Math::multiplyExact));
        }
    }

    public double medianMillis() {
        long[] sorted = runNanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double nanos = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return nanos / 1e6;
    }

    public double minMillis() {
        return Arrays.stream(runNanos).min().orElseThrow() / 1e6;
    }

    /** Achieved GFLOP/s at the median time, for a graph of {@code flops} floating-point operations. */
    public double gflopsPerSecond(long flops) {
        return flops / (medianMillis() * 1e6);
    }

    /** Largest absolute difference from {@code reference}'s output, element by element. */
    public double maxAbsDifference(VariantResult reference) {
        if (!Arrays.equals(outputShape, reference.outputShape)) {
            throw new IllegalArgumentException("cannot compare outputs of shapes " + Arrays.toString(outputShape)
                    + " and " + Arrays.toString(reference.outputShape));
        }
        double max = 0;
        for (int i = 0; i < output.length; i++) {
            max = Math.max(max, Math.abs((double) output[i] - reference.output[i]));
        }
        return max;
    }

    /** Writes this result for {@link #readFrom}, the way a forked JVM hands it back. */
    public void writeTo(Path file) {
        AtomicFile.write(file, temporary -> {
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(temporary))) {
                out.writeUTF(variant.name());
                writeLongs(out, runNanos);
                out.writeInt(xlaClusters);
                writeLongs(out, outputShape);
                out.writeInt(output.length);
                for (float value : output) {
                    out.writeFloat(value);
                }
            }
        });
    }

    public static VariantResult readFrom(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            CompileVariant variant = CompileVariant.valueOf(in.readUTF());
            long[] runNanos = readLongs(in);
            int clusters = in.readInt();
            long[] shape = readLongs(in);
            float[] output = new float[in.readInt()];
            for (int i = 0; i < output.length; i++) {
                output[i] = in.readFloat();
            }
            return new VariantResult(variant, runNanos, clusters, shape, output);
        }
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long value : values) {
            out.writeLong(value);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
