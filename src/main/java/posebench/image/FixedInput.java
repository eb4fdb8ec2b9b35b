package posebench.image;

/**
 * The fixed input on which compile variants are timed and compared: a deterministic BGR image
 * (0..255) of smooth gradients and blobs, so no image file is needed.
 */
public final class FixedInput {

    private FixedInput() {
    }

    /** A {@code height x width} BGR image as HWC floats, the same for the same size. */
    public static float[] image(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        float[] pixels = new float[Math.multiplyExact(Math.multiplyExact(height, width), 3)];
        for (int y = 0; y < height; y++) {
            double v = (double) y / height;
            for (int x = 0; x < width; x++) {
                double u = (double) x / width;
                double blob = Math.exp(-40 * ((u - 0.4) * (u - 0.4) + (v - 0.5) * (v - 0.5)));
                int i = (y * width + x) * 3;
                pixels[i] = (float) (127.5 + 90 * Math.sin(7 * u + 3 * v) * (1 - blob) + 120 * blob * Math.cos(11 * v));
                pixels[i + 1] = (float) (127.5 + 100 * Math.cos(5 * u - 9 * v));
                pixels[i + 2] = (float) (127.5 + 110 * Math.sin(13 * u * v + 1) * (1 - blob));
            }
        }
        return pixels;
    }
}
