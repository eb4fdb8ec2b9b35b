package posebench.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SeededWeightsTest {

    private final SeededWeights weights = new SeededWeights(7);

    @Test
    void sameNameAndSeedGiveTheSameValues() {
        assertArrayEquals(weights.uniform("conv1_1/weights", 1000, 0.5),
                new SeededWeights(7).uniform("conv1_1/weights", 1000, 0.5));
    }

    @Test
    void otherNamesAndSeedsGiveOtherValues() {
        float[] values = weights.uniform("conv1_1/weights", 1000, 0.5);
        assertFalse(Arrays.equals(values, weights.uniform("conv1_2/weights", 1000, 0.5)));
        assertFalse(Arrays.equals(values, new SeededWeights(8).uniform("conv1_1/weights", 1000, 0.5)));
    }

    @Test
    void valuesAreUniformInTheLimitWithVarianceLimitSquaredOverThree() {
        double limit = 0.25;
        float[] values = weights.uniform("w", 200_000, limit);
        double sum = 0;
        double squares = 0;
        for (float value : values) {
            assertTrue(value >= -limit && value < limit, () -> "value " + value + " outside +-" + limit);
            sum += value;
            squares += value * value;
        }
        double mean = sum / values.length;
        assertEquals(0, mean, 0.002);
        assertEquals(limit * limit / 3, squares / values.length - mean * mean, 0.0005);
    }
}
