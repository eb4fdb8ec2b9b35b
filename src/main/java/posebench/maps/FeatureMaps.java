package posebench.maps;

import java.util.Objects;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A stack of 2-D float maps in TensorFlow's NHWC order without the batch axis:
 * {@code data[(y * width + x) * channels + c]}. Heatmaps, PAFs and peak maps all use it.
 */
public record FeatureMaps(float[] data, int height, int width, int channels) implements MapView {

    public FeatureMaps {
        Objects.requireNonNull(data, "data");
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "map dimensions must be positive, got " + height + "x" + width + "x" + channels);
        }
        if ((long) height * width * channels != data.length) {
            throw new IllegalArgumentException("data holds " + data.length + " floats, expected "
                    + height + "x" + width + "x" + channels + " = " + (long) height * width * channels);
        }
    }

    /** Zero-filled maps of the given shape. */
    public static FeatureMaps zeros(int height, int width, int channels) {
        return new FeatureMaps(new float[Math.multiplyExact(Math.multiplyExact(height, width), channels)],
                height, width, channels);
    }

    /**
     * Copies element {@code index} of an {@code [N, h, w, c]} float tensor, such as a fetched
     * session output, into Java maps.
     */
    public static FeatureMaps copyOf(TFloat32 tensor, int index) {
        Shape shape = tensor.shape();
        if (shape.numDimensions() != 4 || index >= shape.size(0)) {
            throw new IllegalStateException("expected an [N > " + index + ", h, w, c] tensor, got " + shape);
        }
        float[] data = new float[Math.toIntExact(shape.size(1) * shape.size(2) * shape.size(3))];
        tensor.get(index).copyTo(DataBuffers.of(data, false, false));
        return new FeatureMaps(data, (int) shape.size(1), (int) shape.size(2), (int) shape.size(3));
    }

    /** Maps as stored values: a view (e.g. heatmaps upsampled where read) read out whole; stored maps as they are. */
    public static FeatureMaps stored(MapView maps) {
        if (maps instanceof FeatureMaps stored) {
            return stored;
        }
        FeatureMaps copy = zeros(maps.height(), maps.width(), maps.channels());
        for (int y = 0; y < maps.height(); y++) {
            for (int x = 0; x < maps.width(); x++) {
                for (int c = 0; c < maps.channels(); c++) {
                    copy.set(y, x, c, maps.get(y, x, c));
                }
            }
        }
        return copy;
    }

    /** A {@code [1, h, w, c]} tensor of these maps, to feed a session; the caller closes it. */
    public TFloat32 toTensor() {
        return TFloat32.tensorOf(Shape.of(1, height, width, channels), DataBuffers.of(data, true, false));
    }

    @Override
    public float get(int y, int x, int c) {
        return data[(y * width + x) * channels + c];
    }

    @Override
    public void cells(int y, int x0, int n, float[] out, int offset) {
        System.arraycopy(data, (y * width + x0) * channels, out, offset, n * channels);
    }

    @Override
    public void row(int y, int c, float[] out) {
        for (int x = 0, s = y * width * channels + c; x < width; x++, s += channels) {
            out[x] = data[s];
        }
    }

    public void set(int y, int x, int c, float value) {
        data[(y * width + x) * channels + c] = value;
    }

    /** One channel as a dense row-major plane {@code [y * width + x]}. */
    public float[] plane(int c) {
        float[] plane = new float[height * width];
        for (int i = 0, j = c; i < plane.length; i++, j += channels) {
            plane[i] = data[j];
        }
        return plane;
    }

    /** Channels {@code [from, to)} as new maps. */
    public FeatureMaps channels(int from, int to) {
        if (from < 0 || to > channels || from >= to) {
            throw new IllegalArgumentException("channel range [" + from + ", " + to + ") outside 0.." + channels);
        }
        int n = to - from;
        float[] out = new float[height * width * n];
        for (int p = 0, src = from, dst = 0; p < height * width; p++, src += channels, dst += n) {
            System.arraycopy(data, src, out, dst, n);
        }
        return new FeatureMaps(out, height, width, n);
    }
}
