package posebench.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;

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
}
