package posebench.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.SharedData;

class ImageDecoderTest {

    @TempDir
    Path dir;

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no ImageIO writer for " + format);
        return out.toByteArray();
    }

    private ImageException assertRejected(byte[] bytes, String name, String cause) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        ImageException e = assertThrows(ImageException.class, () -> ImageDecoder.decode(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(cause), e.getMessage());
        return e;
    }

    @Test
    void emptyFile() throws IOException {
        assertRejected(new byte[0], "empty.jpg", "empty");
    }

    @Test
    void notAnImage() throws IOException {
        assertRejected("name,score\nski,0.9\n".getBytes(), "scores.jpg", "not an image");
    }

    @Test
    void truncatedJpeg() throws IOException {
        byte[] jpeg = encode(new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR), "jpg");
        assertRejected(Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg", "truncated JPEG");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("absent.png");
        ImageException e = assertThrows(ImageException.class, () -> ImageDecoder.decode(file));
        assertTrue(e.getMessage().contains("no such image file"), e.getMessage());
    }

    @Test
    void pngKeepsBgrOrder() throws IOException {
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x102030);
        Path file = dir.resolve("px.png");
        Files.write(file, encode(rgb, "png"));
        BgrImage image = ImageDecoder.decode(file);
        assertEquals(2, image.height());
        assertEquals(3, image.width());
        assertArrayEquals(new byte[] {0x30, 0x20, 0x10}, Arrays.copyOf(image.pixels(), 3));
    }

    @Test
    void grayscaleIsExpandedAndAlphaDropped() throws IOException {
        BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 1, 0, 200);
        Path grayFile = dir.resolve("gray.png");
        Files.write(grayFile, encode(gray, "png"));
        BgrImage g = ImageDecoder.decode(grayFile);
        int at = (1 * 4 + 1) * 3;
        assertArrayEquals(new byte[] {(byte) 200, (byte) 200, (byte) 200}, Arrays.copyOfRange(g.pixels(), at, at + 3));

        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80405060);
        Path alphaFile = dir.resolve("alpha.png");
        Files.write(alphaFile, encode(argb, "png"));
        BgrImage a = ImageDecoder.decode(alphaFile);
        assertEquals(2 * 2 * 3, a.pixels().length);
        assertArrayEquals(new byte[] {0x60, 0x50, 0x40}, Arrays.copyOf(a.pixels(), 3));
    }

    @Test
    void inputTensorResizesToTargetAndKeepsSameSizeImagesExact() throws IOException {
        BgrImage ski = ImageDecoder.decode(SharedData.image("ski.jpg"));
        assertEquals(674, ski.height());
        assertEquals(712, ski.width());
        float[] input = InputTensor.of(ski, 432, 368);
        assertEquals(368 * 432 * 3, input.length);
        for (float v : input) {
            assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "8-bit values as floats: " + v);
        }
        byte[] small = new byte[8 * 8 * 3];
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) (i * 7);
        }
        float[] same = InputTensor.of(new BgrImage(small, 8, 8), 8, 8);
        for (int i = 0; i < small.length; i++) {
            assertEquals(small[i] & 0xff, same[i]);
        }
    }
}
