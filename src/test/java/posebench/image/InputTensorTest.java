package posebench.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

import posebench.SharedData;

/** The resize with and without Intel IPP, and OpenCV's per-thread IPP switch that the no-IPP mode relies on. */
class InputTensorTest {

    @Test
    void ippAndNoIppDifferByAtMostOneStep() {
        BgrImage ski = ImageDecoder.decode(SharedData.image("ski.jpg"));
        float[] ipp = InputTensor.of(ski, 432, 368, true);
        float[] noIpp = InputTensor.of(ski, 432, 368, false);
        assertEquals(ipp.length, noIpp.length);
        for (int i = 0; i < ipp.length; i++) {
            assertTrue(Math.abs(ipp[i] - noIpp[i]) <= 1, "value " + i + ": " + ipp[i] + " against " + noIpp[i]);
        }
        assertArrayEquals(ipp, InputTensor.of(ski, 432, 368), "IPP is the default");
    }

    /** OpenCV keeps the switch per thread: the no-IPP resize sets it on the thread that resizes, then restores it. */
    @Test
    void noIppResizeIsTheSameOnEveryThreadAndLeavesTheSwitchAsItWas() throws Exception {
        BgrImage image = SyntheticImage.create();
        float[] here = InputTensor.of(image, 432, 368, false);
        boolean before = Core.useIPP();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertArrayEquals(here, other.submit(() -> InputTensor.of(image, 432, 368, false)).get());
            assertEquals(before, other.submit(Core::useIPP).get(), "the worker's switch is restored");
            // The switch is thread-local: turning it off here leaves the other thread's alone.
            Core.setUseIPP(false);
            assertEquals(before, other.submit(Core::useIPP).get());
        } finally {
            Core.setUseIPP(before);
            other.shutdown();
        }
        assertEquals(before, Core.useIPP());
    }

    /** Written into a buffer (a tensor's own, in the pipeline): the same floats, in chunks, also at the native size. */
    @Test
    void writeGivesTheSameFloatsAsOf() {
        BgrImage ski = ImageDecoder.decode(SharedData.image("ski.jpg"));
        for (int[] size : new int[][] {{432, 368}, {ski.width(), ski.height()}, {7, 5}}) {
            float[] expected = InputTensor.of(ski, size[0], size[1]);
            float[] written = new float[expected.length + 3];
            Arrays.fill(written, -1f);
            InputTensor.write(ski, size[0], size[1], true, DataBuffers.of(written, false, false));
            assertArrayEquals(expected, Arrays.copyOf(written, expected.length), size[0] + "x" + size[1]);
            assertEquals(-1f, written[expected.length], "nothing past the input");
        }
        float[] small = new float[10];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputTensor.write(ski, 432, 368, true, DataBuffers.of(small, false, false)));
        assertTrue(e.getMessage().contains("432x368"), e.getMessage());
    }

    /**
     * Into a tensor's native memory OpenCV converts in place: the same floats, with and without
     * IPP and at the native size, and nothing written before or past them.
     */
    @Test
    void writeIntoATensorGivesTheSameFloatsAsOf() {
        BgrImage ski = ImageDecoder.decode(SharedData.image("ski.jpg"));
        for (int[] size : new int[][] {{432, 368, 1}, {432, 368, 0}, {ski.width(), ski.height(), 1}, {7, 5, 1}}) {
            boolean ipp = size[2] == 1;
            float[] expected = InputTensor.of(ski, size[0], size[1], ipp);
            String what = size[0] + "x" + size[1] + (ipp ? "" : " without IPP");
            try (TFloat32 tensor = TFloat32.tensorOf(Shape.of(expected.length + 6))) {
                FloatDataBuffer all = tensor.asRawTensor().data().asFloats();
                for (long i = 0; i < all.size(); i++) {
                    all.setFloat(-1f, i);
                }
                FloatDataBuffer input = all.offset(3);
                assertTrue(InputTensor.nativeAddress(input) != 0, "a tensor's buffer takes the native path");
                InputTensor.write(ski, size[0], size[1], ipp, input);
                float[] written = new float[(int) all.size()];
                all.read(written);
                assertArrayEquals(expected, Arrays.copyOfRange(written, 3, 3 + expected.length), what);
                assertArrayEquals(new float[] {-1f, -1f, -1f}, Arrays.copyOf(written, 3), what + ": nothing before the input");
                assertArrayEquals(new float[] {-1f, -1f, -1f}, Arrays.copyOfRange(written, written.length - 3, written.length),
                        what + ": nothing past the input");
            }
        }
        assertEquals(0, InputTensor.nativeAddress(DataBuffers.of(new float[4], false, false)), "a Java array has no address");
    }

    /** The direct view ONNX Runtime reads: the tensor's own floats, all of them, in place. */
    @Test
    void floatsViewTheTensorsOwnMemory() {
        try (TFloat32 tensor = TFloat32.tensorOf(Shape.of(1, 3, 4, 3))) {
            FloatDataBuffer data = tensor.asRawTensor().data().asFloats();
            for (long i = 0; i < data.size(); i++) {
                data.setFloat(i * 0.5f, i);
            }
            FloatBuffer view = InputTensor.floats(tensor);
            assertTrue(view.isDirect(), "a direct buffer");
            assertEquals(36, view.remaining());
            for (int i = 0; i < 36; i++) {
                assertEquals(i * 0.5f, view.get(i), "float " + i);
            }
            view.put(35, 99f);
            assertEquals(99f, data.getFloat(35), "a write through the view reaches the tensor: no copy");
        }
    }
}
