package posebench.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class FeatureMapsTest {

    @Test
    void aViewIsReadOutWholeAndStoredMapsStayAsTheyAre() {
        MapView view = new MapView() {
            public int height() {
                return 3;
            }

            public int width() {
                return 4;
            }

            public int channels() {
                return 2;
            }

            public float get(int y, int x, int c) {
                return 100 * y + 10 * x + c;
            }
        };
        FeatureMaps stored = FeatureMaps.stored(view);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(view.get(y, x, c), stored.get(y, x, c));
                }
            }
        }
        assertSame(stored, FeatureMaps.stored(stored));
    }
}
