package posebench.image;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The network input as tf-pose builds it: the image resized to the target size with OpenCV's
 * bicubic interpolation when its size differs, as float32 BGR 0..255 in [H, W, 3] order.
 *
 * <p>OpenCV's bundled Intel IPP resizes with its own code, which rounds about 1-4 % of the values
 * one step off OpenCV's own; pip's opencv-python ships IPP, Debian's build does not. Without IPP
 * the resize is OpenCV's own. OpenCV keeps the IPP switch per thread ({@code cv::ipp::setUseIPP}
 * writes thread-local data), so it is set around each resize on the thread that runs it.
 */
public final class InputTensor {

    private InputTensor() {
    }

    /** Returns {@code float[height * width * 3]}, BGR, values 0..255, resized with IPP where OpenCV has it. */
    public static float[] of(BgrImage image, int width, int height) {
        return of(image, width, height, true);
    }

    /** The same, resized with IPP's code ({@code ipp}) or OpenCV's own. */
    public static float[] of(BgrImage image, int width, int height, boolean ipp) {
        ImageDecoder.ensureLoaded();
        Mat source = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat resized = new Mat();
        Mat floats = new Mat();
        try {
            source.put(0, 0, image.pixels());
            Mat sized = source;
            if (image.width() != width || image.height() != height) {
                resize(source, resized, width, height, ipp);
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

    private static void resize(Mat source, Mat resized, int width, int height, boolean ipp) {
        if (ipp) {
            Imgproc.resize(source, resized, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
            return;
        }
        boolean before = Core.useIPP();
        Core.setUseIPP(false);
        try {
            Imgproc.resize(source, resized, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
        } finally {
            Core.setUseIPP(before);
        }
    }
}
