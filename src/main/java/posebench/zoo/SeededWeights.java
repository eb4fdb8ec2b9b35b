package posebench.zoo;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic pseudo-random weights: a tensor's values depend only on the model seed and the
 * tensor's node name, so a layer keeps its weights whatever is built before it.
 *
 * <p>The stream is SplitMix64 (Steele, Lea and Flood, 2014): fast enough to fill the 52 M CMU
 * weights in well under a second and identical on every JVM.
 */
final class SeededWeights {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;

    SeededWeights(long seed) {
        this.seed = seed;
    }

    /**
     * {@code count} values uniform in {@code [-limit, limit)}.
     *
     * @param name the node name of the tensor, which selects its stream
     */
    float[] uniform(String name, int count, double limit) {
        float[] values = new float[count];
        long state = streamStart(name);
        float scale = (float) (2 * limit * 0x1.0p-24);
        float offset = (float) -limit;
        for (int i = 0; i < count; i++) {
            state += GOLDEN_GAMMA;
            // The top 24 bits of the mixed state make an exact float in [0, 2^24).
            values[i] = (mix(state) >>> 40) * scale + offset;
        }
        return values;
    }

    private long streamStart(String name) {
        long h = mix(seed);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF) + GOLDEN_GAMMA);
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
