package posebench.smoothing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The summed weights of the smoothing on source cells, and their error bound. */
class RepeatedFactorTest {

    /**
     * For every output of a repeated line, the weight on each source cell is the float sum of the
     * taps that land there (brute force over the taps), and the pass bound stays within the one
     * the threshold detector's proof allows.
     */
    @ParameterizedTest(name = "filter {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 9, 13, 25, 51})
    void weightsAreTheTapsOnEachSourceCell(int size) {
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        float[] factor = kernel.factor();
        int before = (size - 1) / 2;
        for (int r : new int[] {2, 3, 4, 8}) {
            RepeatedFactor repeated = new RepeatedFactor(factor, r);
            assertTrue(repeated.passError() <= SeparableSmoothing.passError(kernel),
                    "filter " + size + ", ratio " + r + ": " + repeated.passError());
            for (int o = -2 * r; o < 3 * r + size; o++) {
                float[] weights = repeated.weights[repeated.phase(o)];
                int first = repeated.firstSource(o);
                double[] expected = new double[weights.length];
                for (int t = 0; t < size; t++) {
                    int source = Math.floorDiv(o - before + t, r);
                    expected[source - first] += factor[t];
                }
                for (int g = 0; g < weights.length; g++) {
                    assertTrue(expected[g] > 0, "every weight holds a tap");
                    assertEquals((float) expected[g], weights[g], "filter " + size + ", ratio " + r + ", output " + o);
                }
            }
        }
    }
}
