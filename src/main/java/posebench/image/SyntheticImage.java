package posebench.image;


/**
 * A deterministic stand-in photograph for machines without sample images: the compile variants'
 * {@link FixedInput} pattern as an 8-bit BGR image, so decoding aside the pipeline runs as on a photo.
 */
public final class SyntheticImage {

    /** A common camera size; the pipeline resizes it to the network input like any photograph. */
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;

    private SyntheticImage() {
    }

    /** The default-sized image. */
    public static BgrImage create() {
        return create(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** The same size gives the same pixels on every machine. */
    public static BgrImage create(int width, int height) {
        float[] pattern = FixedInput.image(height, width);
        byte[] pixels = new byte[pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(pattern[i])));
        }
        return new BgrImage(pixels, height, width);
    }
}
