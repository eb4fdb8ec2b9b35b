package posebench.peaks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import posebench.maps.FeatureMaps;

class PeakDetectorTest {

    @Test
    void requiresTheEighteenPartChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeakDetector.requirePartChannels(FeatureMaps.zeros(4, 4, 17)));
        assertTrue(e.getMessage().contains("17 channels"), e.getMessage());
        assertDoesNotThrow(() -> PeakDetector.requirePartChannels(FeatureMaps.zeros(4, 4, 18)));
        assertDoesNotThrow(() -> PeakDetector.requirePartChannels(FeatureMaps.zeros(4, 4, 19)));
    }
}
