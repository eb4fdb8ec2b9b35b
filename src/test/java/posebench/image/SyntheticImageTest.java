package posebench.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;


/** The benchmarks' stand-in photograph: reproducible, varied, and a valid network input. */
class SyntheticImageTest {

    @Test
    void sameSizeSamePixels() {
        assertArrayEquals(SyntheticImage.create(97, 61).pixels(), SyntheticImage.create(97, 61).pixels());
    }

    @Test
    void pixelsAreTheFixedInputRounded() {
        BgrImage image = SyntheticImage.create(53, 41);
        float[] pattern = FixedInput.image(41, 53);
        for (int i = 0; i < pattern.length; i++) {
            assertEquals(Math.max(0, Math.min(255, Math.round(pattern[i]))), image.pixels()[i] & 0xff, "byte " + i);
        }
    }

    @Test
    void defaultImageHasTheDefaultSizeAndVariedPixels() {
        BgrImage image = SyntheticImage.create();
        assertEquals(SyntheticImage.DEFAULT_WIDTH, image.width());
        assertEquals(SyntheticImage.DEFAULT_HEIGHT, image.height());
        int[] histogram = new int[256];
        for (byte b : image.pixels()) {
            histogram[b & 0xff]++;
        }
        long levels = Arrays.stream(histogram).filter(n -> n > 0).count();
        assertTrue(levels > 128, "only " + levels + " distinct byte values");
    }

    @Test
    void resizesToTheNetworkInput() {
        float[] input = InputTensor.of(SyntheticImage.create(), 432, 368);
        assertEquals(432 * 368 * 3, input.length);
        for (float v : input) {
            assertTrue(v >= 0 && v <= 255, "value " + v);
        }
    }

    @Test
    void rejectsAnEmptySize() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticImage.create(0, 10));
    }
}
