package posebench.smoothing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GaussianKernelTest {

    @Test
    void filter25MatchesTfPoseValues() {
        float[] k = new GaussianKernel(25, 3.0).kernel2d();
        assertEquals(0.00527185341, k[12 * 25 + 12], 1e-11);
        assertEquals(5.74297082e-05, k[0], 1e-13);
        assertEquals(5.74297082e-05, k[24 * 25 + 24], 1e-13);
    }

    @Test
    void filter5MatchesTfPoseValues() {
        float[] k = new GaussianKernel(5, 3.0).kernel2d();
        assertEquals(0.150615767, k[2 * 5 + 2], 1e-9);
        assertEquals(0.00364953792, k[0], 1e-11);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 9, 13, 24, 25, 31})
    void sumsToOneAndIsSymmetric(int size) {
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        double[] k = kernel.kernel2dExact();
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double v = k[r * size + c];
                assertEquals(v, k[c * size + r], 1e-15, "transpose symmetry");
                assertEquals(v, k[(size - 1 - r) * size + c], 1e-15, "vertical mirror");
                assertEquals(v, k[r * size + (size - 1 - c)], 1e-15, "horizontal mirror");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 9, 25})
    void kernelIsOuterProductOfItsFactor(int size) {
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        float[] k = kernel.kernel2d();
        double[] s = kernel.factorExact();
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                assertEquals(k[r * size + c], s[r] * s[c], 1e-7);
            }
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianKernel(0, 3.0));
        assertThrows(IllegalArgumentException.class, () -> new GaussianKernel(5, 0));
        assertThrows(IllegalArgumentException.class, () -> new GaussianKernel(5, Double.NaN));
    }
}
