package posebench.maps;

import java.util.Objects;

/**
 * A stack of 2-D float maps in TensorFlow's NHWC order without the batch axis:
 * {@code data[(y * width + x) * channels + c]}. Heatmaps, PAFs and peak maps all use it.
 */
public record FeatureMaps(float[] data, int height, int width, int channels) {

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

    public float get(int y, int x, int c) {
        return data[(y * width + x) * channels + c];
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
