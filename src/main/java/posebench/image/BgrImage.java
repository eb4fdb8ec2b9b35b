package posebench.image;

import java.util.Objects;

/** An 8-bit, 3-channel image in OpenCV's BGR order, row-major: {@code pixels[(y * width + x) * 3 + c]}. */
public record BgrImage(byte[] pixels, int height, int width) {

    public BgrImage {
        Objects.requireNonNull(pixels, "pixels");
        if (height <= 0 || width <= 0 || (long) height * width * 3 != pixels.length) {
            throw new IllegalArgumentException("a " + height + "x" + width + " BGR image needs "
                    + (long) height * width * 3 + " bytes, got " + pixels.length);
        }
    }
}
