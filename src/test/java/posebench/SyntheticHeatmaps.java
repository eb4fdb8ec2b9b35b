package posebench;

import java.util.Random;

import posebench.maps.FeatureMaps;

/** Test fixture: hand-made heatmaps with known shapes (bumps, plateaus, mirror ties, noise). */
public final class SyntheticHeatmaps {

    private SyntheticHeatmaps() {
    }

    /** Uniform noise in [0, scale) on every channel. */
    public static FeatureMaps noise(int height, int width, int channels, float scale, long seed) {
        Random random = new Random(seed);
        FeatureMaps maps = FeatureMaps.zeros(height, width, channels);
        for (int i = 0; i < maps.data().length; i++) {
            maps.data()[i] = random.nextFloat() * scale;
        }
        return maps;
    }

    /** Noise rounded to {@code levels} steps of {@code scale / levels}: many exact ties in the input. */
    public static FeatureMaps steps(int height, int width, int channels, float scale, int levels, long seed) {
        Random random = new Random(seed);
        FeatureMaps maps = FeatureMaps.zeros(height, width, channels);
        for (int i = 0; i < maps.data().length; i++) {
            maps.data()[i] = random.nextInt(levels + 1) * (scale / levels);
        }
        return maps;
    }

    /** The same value everywhere: the smoothed interior is one wide plateau. */
    public static FeatureMaps constant(int height, int width, int channels, float value) {
        FeatureMaps maps = FeatureMaps.zeros(height, width, channels);
        java.util.Arrays.fill(maps.data(), value);
        return maps;
    }

    /**
     * Adds a Gaussian bump of the given height and width (sigma, cells) centred at ({@code cx},
     * {@code cy}) to one channel; centres may be half-way between cells or outside the map.
     */
    public static FeatureMaps addBump(FeatureMaps maps, int channel, double cx, double cy, double height,
            double sigma) {
        for (int y = 0; y < maps.height(); y++) {
            for (int x = 0; x < maps.width(); x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                float v = maps.get(y, x, channel) + (float) (height * Math.exp(-d2 / (2 * sigma * sigma)));
                maps.set(y, x, channel, v);
            }
        }
        return maps;
    }

    /**
     * Heatmap-like maps: per part channel a few bumps at random places (some on borders and
     * corners, some centred between two cells so neighbours tie in exact arithmetic) over weak noise.
     */
    public static FeatureMaps people(int height, int width, int channels, long seed) {
        Random random = new Random(seed);
        FeatureMaps maps = noise(height, width, channels, 0.03f, seed);
        for (int c = 0; c < channels; c++) {
            int bumps = 1 + random.nextInt(5);
            for (int b = 0; b < bumps; b++) {
                double cx = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> width - 1;
                    case 2 -> random.nextInt(width) + 0.5;
                    default -> random.nextInt(width);
                };
                double cy = random.nextBoolean() ? random.nextInt(height) : random.nextInt(height) + 0.5;
                addBump(maps, c, cx, cy, 0.1 + 0.8 * random.nextDouble(), 1 + 4 * random.nextDouble());
            }
        }
        return maps;
    }

    /**
     * Maps mirror-symmetric left to right (noise and bumps alike): in exact arithmetic the
     * smoothed values of cells x and width - 1 - x are equal, so with an even width the two
     * middle cells of each bump's crest tie, and float rounding alone decides between them.
     */
    public static FeatureMaps mirrored(int height, int width, int channels, long seed) {
        FeatureMaps maps = people(height, width, channels, seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width / 2; x++) {
                for (int c = 0; c < channels; c++) {
                    maps.set(y, width - 1 - x, c, maps.get(y, x, c));
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            addBump(maps, c, (width - 1) / 2.0, (height - 1) / 2.0 + c % 3, 0.3 + 0.02 * c, 2 + 0.1 * c);
        }
        return maps;
    }
}
