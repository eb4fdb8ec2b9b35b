package posebench.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static posebench.image.ImageHeaderTest.encode;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.BadInputs;
import posebench.ProcessMemory;
import posebench.SpecialFiles;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.model.PoseModel;
import posebench.model.TinyPoseGraph;
import posebench.pose.Human;

/**
 * Broken, hostile and unusual image files: each decodes or fails with an {@link ImageException}
 * naming the file, fast, without a JVM crash, a hang or a large allocation.
 */
class ImageDecoderRobustnessTest {

    private static final int CASES = 100;
    private static final BadInputs TRIED = new BadInputs("image files", ImageException.class, Duration.ofSeconds(10));

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        TRIED.print();
    }

    /** A noisy picture, so cuts and flips land in real entropy-coded data. */
    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((x * 3) << 16) | ((y * 5) << 8) | random.nextInt(64));
            }
        }
        return image;
    }

    private void tryBytes(String kind, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        TRIED.attempt(kind, file.toString(), () -> ImageDecoder.decode(file));
        Files.delete(file);
    }

    @Test
    void truncatedImages() throws IOException {
        Random random = new Random(201);
        for (String format : List.of("jpg", "png")) {
            byte[] whole = encode(noise(80, 60), format);
            for (int i = 0; i < CASES; i++) {
                int length = random.nextInt(whole.length);
                tryBytes(format + " cut", "cut-" + i + "-" + length + "." + format, Arrays.copyOf(whole, length));
            }
            assertEquals(CASES, TRIED.tried(format + " cut"));
        }
    }

    /** A flip in the pixel data decodes to a wrong picture (decoders only warn); in a header it may fail. */
    @Test
    void byteFlippedImages() throws IOException {
        Random random = new Random(202);
        for (String format : List.of("jpg", "png")) {
            byte[] whole = encode(noise(80, 60), format);
            for (int i = 0; i < CASES; i++) {
                byte[] flipped = whole.clone();
                int at = random.nextInt(flipped.length);
                flipped[at] ^= (byte) (1 + random.nextInt(255));
                tryBytes(format + " flip", "flip-" + i + "-at-" + at + "." + format, flipped);
            }
            assertEquals(CASES, TRIED.tried(format + " flip"));
        }
    }

    @Test
    void filesThatAreNotImages() throws IOException {
        Random random = new Random(203);
        for (int i = 0; i < CASES / 2; i++) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            tryBytes("not an image", "garbage-" + i + ".jpg", garbage);
        }
        tryBytes("not an image", "scores.png", "name,score\nski,0.9\n".getBytes(StandardCharsets.UTF_8));
        tryBytes("not an image", "page.jpg",
                "<!DOCTYPE html><html><body>404</body></html>".getBytes(StandardCharsets.UTF_8));
        tryBytes("not an image", "graph.jpg", TinyPoseGraph.withChannels(57).toByteArray());
        assertEquals(0, TRIED.count("not an image", "worked"));
    }

    @Test
    void specialFiles() throws IOException, InterruptedException {
        List<Path> files = SpecialFiles.create(dir, ".jpg", ImageDecoder.MAX_FILE_BYTES + 1);
        for (Path file : files) {
            TRIED.attempt("special file", file.toString(), () -> ImageDecoder.decode(file));
        }
        assertEquals(files.size(), TRIED.count("special file", "ImageException"));
    }

    private static byte[] pngClaiming(int width, int height) throws IOException {
        byte[] png = encode(noise(8, 8), "png");
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return png;
    }

    /** Rewrites the size in the start-of-frame segment; the entropy-coded data stays that of 16x16. */
    private static byte[] jpegClaiming(int width, int height) throws IOException {
        byte[] jpeg = encode(noise(16, 16), "jpg");
        for (int i = 2; i + 8 < jpeg.length; i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff))) {
            if ((jpeg[i + 1] & 0xff) == 0xc0) {
                ByteBuffer.wrap(jpeg).putShort(i + 5, (short) height).putShort(i + 7, (short) width);
                return jpeg;
            }
        }
        throw new AssertionError("no SOF0 segment");
    }

    private static byte[] bmpClaiming(int width, int height) throws IOException {
        byte[] bmp = encode(noise(8, 8), "bmp");
        ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).putInt(18, width).putInt(22, height);
        return bmp;
    }

    private static byte[] tiffClaiming(int width, int height, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(64).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? "II".getBytes() : "MM".getBytes()).putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        b.putShort((short) 256).putShort((short) 4).putInt(1).putInt(width);
        b.putShort((short) 257).putShort((short) 4).putInt(1).putInt(height);
        return b.array();
    }

    private static byte[] webpExtendedClaiming(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(22).put("WEBP".getBytes()).put("VP8X".getBytes()).putInt(10).putInt(0);
        b.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        b.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        return b.array();
    }

    /**
     * Unchecked, OpenCV took 36 s and 2.7 GB on the 30000x30000 JPEG below and then failed with a
     * NegativeArraySizeException; the PNG and BMP claims escaped as raw CvExceptions.
     */
    @Test
    void hugeClaimedDimensionsFailFast() {
        Map<String, byte[]> claims = new java.util.TreeMap<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            claims.put("png-100000x100000.png", pngClaiming(100_000, 100_000));
            claims.put("png-1x2000000.png", pngClaiming(1, 2_000_000));
            claims.put("jpeg-65535x65535.jpg", jpegClaiming(65_535, 65_535));
            claims.put("jpeg-30000x30000.jpg", jpegClaiming(30_000, 30_000));
            claims.put("jpeg-12000x12000.jpg", jpegClaiming(12_000, 12_000));
            claims.put("bmp-100000x100000.bmp", bmpClaiming(100_000, 100_000));
            claims.put("bmp-topdown-30000x30000.bmp", bmpClaiming(30_000, -30_000));
            claims.put("tiff-le-100000x100000.tif", tiffClaiming(100_000, 100_000, ByteOrder.LITTLE_ENDIAN));
            claims.put("tiff-be-100000x100000.tif", tiffClaiming(100_000, 100_000, ByteOrder.BIG_ENDIAN));
            claims.put("webp-16384x16384.webp", ImageHeaderTest.webpLossless(16_384, 16_384));
            claims.put("webp-extended-1000000x1000000.webp", webpExtendedClaiming(1_000_000, 1_000_000));
            long peakBefore = ProcessMemory.peakResidentBytes();
            for (Map.Entry<String, byte[]> claim : claims.entrySet()) {
                Path file = dir.resolve(claim.getKey());
                Files.write(file, claim.getValue());
                ImageException e = assertThrows(ImageException.class, () -> ImageDecoder.decode(file));
                assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("header claims"),
                        e.getMessage());
                TRIED.attempt("huge claimed size", file.toString(), () -> ImageDecoder.decode(file));
            }
            long grown = ProcessMemory.peakResidentBytes() - peakBefore;
            assertTrue(grown < 100 << 20, "peak resident memory grew by " + (grown >> 20) + " MB");
        });
    }

    private BgrImage decodeWritten(BufferedImage image, String format) throws IOException {
        Path file = dir.resolve("variant." + format);
        Files.write(file, encode(image, format));
        return ImageDecoder.decode(file);
    }

    private static void assertPixel(BgrImage image, int x, int y, int blue, int green, int red, int tolerance) {
        int at = (y * image.width() + x) * 3;
        int[] bgr = {image.pixels()[at] & 0xff, image.pixels()[at + 1] & 0xff, image.pixels()[at + 2] & 0xff};
        int[] expected = {blue, green, red};
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(bgr[c] - expected[c]) <= tolerance,
                    "pixel (" + x + ", " + y + ") is BGR " + Arrays.toString(bgr) + ", expected "
                            + Arrays.toString(expected));
        }
    }

    /**
     * Like cv2.imread(IMREAD_COLOR): grey is copied to all three channels, 16 bits keep their high
     * byte, a palette is looked up, alpha is dropped.
     */
    @Test
    void greyAlphaPaletteAndDeepImagesBecomeEightBitBgr() throws IOException {
        BufferedImage flatGrey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                flatGrey.getRaster().setSample(x, y, 0, 200);
            }
        }
        assertPixel(decodeWritten(flatGrey, "jpg"), 3, 3, 200, 200, 200, 1);

        BufferedImage deep = new BufferedImage(3, 3, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(1, 1, 0, 0xc810);
        assertPixel(decodeWritten(deep, "png"), 1, 1, 200, 200, 200, 0);

        ComponentColorModel greyAlphaModel = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        BufferedImage greyAlpha = new BufferedImage(greyAlphaModel,
                greyAlphaModel.createCompatibleWritableRaster(2, 2), false, null);
        greyAlpha.getRaster().setPixel(1, 0, new int[] {90, 0});
        greyAlpha.getRaster().setPixel(0, 1, new int[] {150, 255});
        BgrImage greyAlphaDecoded = decodeWritten(greyAlpha, "png");
        assertPixel(greyAlphaDecoded, 1, 0, 90, 90, 90, 0);
        assertPixel(greyAlphaDecoded, 0, 1, 150, 150, 150, 0);

        byte[] red = {(byte) 255, 0, 10};
        byte[] green = {0, (byte) 255, 20};
        byte[] blue = {0, 0, 30};
        byte[] alpha = {0, (byte) 255, (byte) 128};
        BufferedImage palette = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(2, 3, red, green, blue, alpha));
        palette.getRaster().setSample(0, 0, 0, 0);
        palette.getRaster().setSample(1, 0, 0, 1);
        palette.getRaster().setSample(2, 0, 0, 2);
        BgrImage paletteDecoded = decodeWritten(palette, "png");
        assertPixel(paletteDecoded, 0, 0, 0, 0, 255, 0);
        assertPixel(paletteDecoded, 1, 0, 0, 255, 0, 0);
        assertPixel(paletteDecoded, 2, 0, 30, 20, 10, 0);

        BufferedImage bilevel = new BufferedImage(9, 2, BufferedImage.TYPE_BYTE_BINARY);
        bilevel.setRGB(8, 1, 0xffffff);
        BgrImage bilevelDecoded = decodeWritten(bilevel, "png");
        assertPixel(bilevelDecoded, 0, 0, 0, 0, 0, 0);
        assertPixel(bilevelDecoded, 8, 1, 255, 255, 255, 0);

        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 0, 0x102030);
        assertPixel(decodeWritten(rgb, "tiff"), 1, 0, 0x30, 0x20, 0x10, 0);
        assertPixel(decodeWritten(rgb, "bmp"), 1, 0, 0x30, 0x20, 0x10, 0);
    }

    /**
     * Images smaller than the network's stride of 8 work: like every image they are resized
     * (bicubic) to the target size, so a 1x1 image becomes a flat one.
     */
    @Test
    void imagesSmallerThanEightPixelsAreResizedUp() throws IOException {
        BufferedImage dot = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        dot.setRGB(0, 0, 0x406080);
        BgrImage one = decodeWritten(dot, "png");
        assertEquals(1, one.width());
        float[] flat = InputTensor.of(one, 16, 8);
        for (int i = 0; i < flat.length; i += 3) {
            assertArrayEquals(new float[] {0x80, 0x60, 0x40}, Arrays.copyOfRange(flat, i, i + 3));
        }
        PoseModel model = new PoseModel(TinyPoseGraph.withChannels(57), "tiny", PoseModel.DEFAULT_INPUT,
                PoseModel.DEFAULT_OUTPUT);
        try (PoseEstimator estimator = new PoseEstimator(model, new PipelineOptions(64, 48, 4.0, 5, 1.0))) {
            for (int[] size : new int[][] {{1, 1}, {1, 7}, {7, 1}, {3, 5}, {7, 7}}) {
                BufferedImage small = noise(size[0], size[1]);
                List<Human> humans = estimator.estimate(decodeWritten(small, "png"));
                assertFalse(humans.stream().anyMatch(h -> Float.isNaN(h.score())),
                        "humans of " + Arrays.toString(size));
            }
        }
    }
}
