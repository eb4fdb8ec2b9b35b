package posebench.image;

import java.util.SplittableRandom;

/**
 * A deterministic stand-in photograph for machines without sample images: a vertical colour
 * gradient with seeded ellipses and pixel noise, so resizing and the network see varied input.
 */
public final class SyntheticImage {

    /** A common camera size; the pipeline resizes it to the network input like any photograph. */
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    public static final long DEFAULT_SEED = 20170418L;

    private static final int ELLIPSES = 12;
    private static final int NOISE = 16;

    private SyntheticImage() {
    }

    /** The default-sized image for the default seed. */
    public static BgrImage create() {
        return create(DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_SEED);
    }

    /** The same arguments give the same pixels on every machine. */
    public static BgrImage create(int width, int height, long seed) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] top = randomColour(random);
        int[] bottom = randomColour(random);
        byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        for (int y = 0; y < height; y++) {
            double t = height == 1 ? 0 : (double) y / (height - 1);
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    pixels[(y * width + x) * 3 + c] = (byte) Math.round(top[c] + t * (bottom[c] - top[c]));
                }
            }
        }
        for (int e = 0; e < ELLIPSES; e++) {
            fillEllipse(pixels, width, height, random.nextDouble(width), random.nextDouble(height),
                    random.nextDouble(4, Math.max(5, width / 6.0)), random.nextDouble(4, Math.max(5, height / 4.0)),
                    randomColour(random));
        }
        for (int i = 0; i < pixels.length; i++) {
            int v = (pixels[i] & 0xff) + random.nextInt(-NOISE, NOISE + 1);
            pixels[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return new BgrImage(pixels, height, width);
    }

    private static int[] randomColour(SplittableRandom random) {
        return new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    }

    private static void fillEllipse(byte[] pixels, int width, int height, double cx, double cy,
                                    double rx, double ry, int[] bgr) {
        int y0 = Math.max(0, (int) Math.floor(cy - ry));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + ry));
        int x0 = Math.max(0, (int) Math.floor(cx - rx));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + rx));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = (x - cx) / rx;
                double dy = (y - cy) / ry;
                if (dx * dx + dy * dy <= 1) {
                    for (int c = 0; c < 3; c++) {
                        pixels[(y * width + x) * 3 + c] = (byte) bgr[c];
                    }
                }
            }
        }
    }
}
