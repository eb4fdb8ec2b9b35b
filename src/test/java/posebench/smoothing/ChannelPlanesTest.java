package posebench.smoothing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import posebench.SyntheticHeatmaps;
import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.upsample.AreaResize;

/** Planes of maps that repeat a source: loaded as the source, in bands, with full rows on demand. */
class ChannelPlanesTest {

    @ParameterizedTest(name = "ratio {0}")
    @ValueSource(ints = {1, 2, 4, 8})
    void repeatedMapsLoadTheirSourceAndGiveTheirRows(int ratio) {
        FeatureMaps source = SyntheticHeatmaps.noise(7, 5, 19, 1f, ratio);
        MapView maps = new AreaResize(7, 5, 7 * ratio, 5 * ratio).view(source, 0, 19);
        ChannelPlanes planes = new ChannelPlanes(maps.height(), maps.width(), 18);
        planes.expect(maps);
        assertEquals(ratio, planes.repetition());
        // Bands that start inside a source row's repeats, as the detector's threads split them.
        int[] cuts = {0, 3, maps.height() / 2 + 1, maps.height()};
        for (int b = 0; b + 1 < cuts.length; b++) {
            planes.load(maps, cuts[b], cuts[b + 1]);
        }
        float[] row = new float[maps.width()];
        for (int c = 0; c < 18; c++) {
            float[][] rows = planes.rows(c);
            for (int y = 0; y < maps.height(); y++) {
                maps.row(y, c, row);
                assertArrayEquals(row, rows[y], "channel " + c + ", row " + y);
                if (ratio > 1) {
                    for (int x = 0; x < maps.width(); x++) {
                        assertEquals(row[x], planes.source[c][y / ratio][x / ratio]);
                    }
                }
            }
        }
    }
}
