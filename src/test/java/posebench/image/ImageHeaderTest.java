package posebench.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageHeaderTest {

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no ImageIO writer for " + format);
        return out.toByteArray();
    }

    /** A lossless WebP header (VP8L) of the given size; the size is all the header parser reads. */
    static byte[] webpLossless(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(22).put("WEBP".getBytes()).put("VP8L".getBytes()).putInt(10);
        b.put((byte) 0x2f).putInt((width - 1) | ((height - 1) << 14));
        return b.array();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpg", "png", "bmp", "tiff"})
    void readsTheSizeImageIoWrote(String format) throws IOException {
        byte[] bytes = encode(new BufferedImage(37, 23, BufferedImage.TYPE_3BYTE_BGR), format);
        ImageHeader header = ImageHeader.read(bytes).orElseThrow();
        assertEquals(37, header.width(), format);
        assertEquals(23, header.height(), format);
    }

    @Test
    void readsWebpSizes() {
        ImageHeader lossless = ImageHeader.read(webpLossless(16384, 3)).orElseThrow();
        assertEquals("WebP", lossless.format());
        assertEquals(16384, lossless.width());
        assertEquals(3, lossless.height());
    }

    @Test
    void unknownFormatsAndCutHeadersGiveNothing() throws IOException {
        assertTrue(ImageHeader.read("P6\n4 4\n255\n".getBytes()).isEmpty());
        byte[] png = encode(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "png");
        assertTrue(ImageHeader.read(Arrays.copyOf(png, 18)).isEmpty());
        byte[] jpeg = encode(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "jpg");
        for (int length = 0; length < 40; length++) {
            assertTrue(ImageHeader.read(Arrays.copyOf(jpeg, length)).isEmpty(), "cut at " + length);
        }
    }
}
