package posebench.upsample;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.model.PoseModel;
import posebench.pose.CocoPart;

/**
 * TensorFlow's CPU {@code ResizeArea} (align_corners=false) in Java, float operation for float
 * operation: window ends from float coordinates, the edge weights, each window row summed
 * left to right, the rows weighted and summed, then the float scale. Its {@link #view views}
 * compute a cell where it is read, so upsampled maps are never stored.
 *
 * <p>TensorFlow runs its CPU kernels with denormals flushed to zero (FTZ and DAZ), so every
 * operand and result here below {@link Float#MIN_NORMAL} in magnitude becomes a zero of its sign.
 *
 * <p>At a whole ratio every window is one network cell; at a power of two the weights are exact
 * and each cell repeats the network cell, but at 3, 5, 6 or 7 the weights round and the op's
 * values differ from the network cell's by an ulp or so, which this class reproduces. The
 * arithmetic is the op's as written; a build that fused its multiply-adds would differ, so
 * {@link #matchesTensorFlow} checks it against the running TensorFlow before it is trusted.
 */
public final class AreaResize {

    private static final Map<String, Boolean> CHECKED = new ConcurrentHashMap<>();
    private static final long PROBE_SEED = 57;

    private final int inHeight;
    private final int inWidth;
    private final int outHeight;
    private final int outWidth;
    private final Axis rows;
    private final Axis columns;
    /** The op's {@code 1.0 / (height_scale * width_scale)}, rounded to float. */
    private final float scale;
    /** Whether every window is a single network cell on both axes. */
    private final boolean singleCells;
    /**
     * Whether each window is one cell weighed by the same power of two on each axis, so that the
     * op's {@code 0 + v * wx * wy}, scaled back, is {@code v} itself, exactly, unless the
     * product falls below the normal range and flushes to +0: {@code |v| < }{@link #repeatFloor}.
     * True at ratios 1, 2, 4 and 8.
     */
    private final boolean exactRepeat;
    private final float repeatFloor;
    /** r when {@link #exactRepeat} and output cell o reads network cell o / r on both axes, else 1. */
    private final int repetition;

    public AreaResize(int inHeight, int inWidth, int outHeight, int outWidth) {
        if (inHeight < 1 || inWidth < 1 || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("cannot resize " + inHeight + "x" + inWidth + " to "
                    + outHeight + "x" + outWidth);
        }
        this.inHeight = inHeight;
        this.inWidth = inWidth;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.rows = new Axis(inHeight, outHeight);
        this.columns = new Axis(inWidth, outWidth);
        this.scale = (float) (1.0 / (rows.scale * columns.scale));
        this.singleCells = rows.singleCells() && columns.singleCells();
        float wy = rows.commonPowerOfTwo();
        float wx = columns.commonPowerOfTwo();
        this.exactRepeat = singleCells && wy > 0 && wx > 0 && wy * wx * scale == 1f;
        this.repeatFloor = Float.MIN_NORMAL * scale;
        int r = outHeight / inHeight;
        this.repetition = exactRepeat && r > 1 && rows.repeatsBy(r) && columns.repeatsBy(r) ? r : 1;
    }

    public int inHeight() {
        return inHeight;
    }

    public int inWidth() {
        return inWidth;
    }

    /** Channels {@code [from, from + count)} of {@code input} ([inHeight, inWidth, C]), resized where read. */
    public MapView view(FeatureMaps input, int from, int count) {
        if (input.height() != inHeight || input.width() != inWidth || from < 0 || count < 1
                || from + count > input.channels()) {
            throw new IllegalArgumentException("maps " + input.height() + "x" + input.width() + "x" + input.channels()
                    + ": cannot view channels [" + from + ", " + (from + count) + ") of a " + inHeight + "x"
                    + inWidth + " resize");
        }
        return new View(input.data(), input.channels(), from, count);
    }

    /**
     * Whether this class gives the running TensorFlow's {@link AreaUpsampling} bit for bit on a
     * network output of this shape: checked once per shape, on seeded values of every sign and
     * of magnitudes from 1e-30 to 1e3, zeros, and values at the flush-to-zero edge of the
     * products, with {@link AreaUpsampling#run}.
     */
    public boolean matchesTensorFlow() {
        return CHECKED.computeIfAbsent(inHeight + "x" + inWidth + ">" + outHeight + "x" + outWidth,
                key -> probe());
    }

    private boolean probe() {
        int channels = PoseModel.OUTPUT_CHANNELS;
        FeatureMaps input = FeatureMaps.zeros(inHeight, inWidth, channels);
        SplittableRandom random = new SplittableRandom(PROBE_SEED);
        float[] data = input.data();
        for (int i = 0; i < data.length; i++) {
            int kind = random.nextInt(16);
            float magnitude;
            if (kind == 0) {
                magnitude = 0f;
            } else if (kind == 1) {
                // The flush edge of power-of-two weights, where a product rounds up to the normal range.
                float edge = Math.scalb(Float.MIN_NORMAL, random.nextInt(9));
                magnitude = switch (random.nextInt(3)) {
                    case 0 -> Math.nextDown(edge);
                    case 1 -> edge;
                    default -> Math.nextUp(edge);
                };
            } else if (kind == 2) {
                // Just above the normal range, where the products of other weights flush.
                magnitude = (float) (Float.MIN_NORMAL * Math.pow(2, random.nextDouble(0, 9)));
            } else {
                magnitude = (float) Math.pow(10, random.nextDouble(-30, 3));
            }
            data[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        List<FeatureMaps> op = AreaUpsampling.run(input, outHeight, outWidth);
        return sameBits(op.get(0), view(input, 0, CocoPart.HEATMAP_CHANNELS))
                && sameBits(op.get(1), view(input, CocoPart.HEATMAP_CHANNELS, channels - CocoPart.HEATMAP_CHANNELS));
    }

    private static boolean sameBits(FeatureMaps expected, MapView actual) {
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                for (int c = 0; c < expected.channels(); c++) {
                    if (Float.floatToRawIntBits(expected.get(y, x, c)) != Float.floatToRawIntBits(actual.get(y, x, c))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * A float product as x86 computes it with flush-to-zero: zero (of the product's sign) when
     * the product, rounded to float precision with an unbounded exponent, is below the normal
     * range, even where rounding into the subnormal grid would carry it up to
     * {@link Float#MIN_NORMAL}; else the rounded product. The product of two floats is exact in a
     * double; scaled by 2^64 its float rounding is the unbounded-exponent one. A sum needs no such
     * care: a sum of floats below the normal range is exact.
     */
    static float times(float a, float b) {
        double exact = (double) a * b;
        if (Math.abs(exact) < Float.MIN_NORMAL && Math.abs((float) (exact * 0x1p64)) < Float.MIN_NORMAL * 0x1p64f) {
            return (float) Math.copySign(0.0, exact);
        }
        return (float) exact;
    }

    /** A value as TensorFlow's flush-to-zero mode leaves it: below the normal range, a zero of its sign. */
    static float flush(float v) {
        return Math.abs(v) < Float.MIN_NORMAL ? Math.copySign(0f, v) : v;
    }

    /** One axis of the op: each output index's window, as network indices (clamped) and weights. */
    private static final class Axis {
        /** The op's {@code in_size / float(out_size)}. */
        final float scale;
        /** Window of output {@code o}: entries {@code first[o] .. first[o + 1] - 1}. */
        final int[] first;
        final int[] index;
        final float[] weight;

        Axis(int in, int out) {
            this.scale = (float) in / (float) out;
            this.first = new int[out + 1];
            int[] indices = new int[2 * out + 2];
            float[] weights = new float[indices.length];
            int n = 0;
            for (int o = 0; o < out; o++) {
                first[o] = n;
                float from = o * scale;
                float to = (o + 1) * scale;
                long start = (long) Math.floor(from);
                long end = (long) Math.ceil(to);
                for (long i = start; i < end; i++) {
                    if (n == indices.length) {
                        indices = Arrays.copyOf(indices, 2 * n);
                        weights = Arrays.copyOf(weights, 2 * n);
                    }
                    // The op's Bound(): windows past the edge read the edge cell.
                    indices[n] = (int) Math.min(in - 1, Math.max(0, i));
                    weights[n] = weight(i, from, to, scale);
                    n++;
                }
            }
            first[out] = n;
            this.index = Arrays.copyOf(indices, n);
            this.weight = Arrays.copyOf(weights, n);
        }

        /**
         * The op's weight of network cell {@code i} in the window [from, to): the float
         * expressions of {@code resize_area_op.cc}, a whole cell weighing exactly 1.
         */
        private static float weight(long i, float from, float to, float scale) {
            if (i < from) {
                return i + 1 > to ? scale : (i + 1) - from;
            }
            return i + 1 > to ? to - i : 1.0f;
        }

        boolean singleCells() {
            for (int o = 0; o + 1 < first.length; o++) {
                if (first[o + 1] - first[o] != 1) {
                    return false;
                }
            }
            return true;
        }

        /** The weight every window has, if all have the same power of two; else 0. */
        float commonPowerOfTwo() {
            float w = weight.length > 0 ? weight[0] : 0f;
            if (!(w > 0f) || w != Math.scalb(1f, Math.getExponent(w))) {
                return 0f;
            }
            for (float other : weight) {
                if (Float.floatToRawIntBits(other) != Float.floatToRawIntBits(w)) {
                    return 0f;
                }
            }
            return w;
        }

        /** Whether output o reads only network cell o / r, for every o, and there are r outputs per cell. */
        boolean repeatsBy(int r) {
            int out = first.length - 1;
            if (out % r != 0 || index.length != out) {
                return false;
            }
            for (int o = 0; o < out; o++) {
                if (index[o] != o / r) {
                    return false;
                }
            }
            return true;
        }

        /** Whether outputs {@code o - 1} and {@code o} read the same cells with the same weights. */
        boolean sameAsBefore(int o) {
            int n = first[o + 1] - first[o];
            if (o == 0 || first[o] - first[o - 1] != n) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                if (index[first[o] + k] != index[first[o - 1] + k]
                        || Float.floatToRawIntBits(weight[first[o] + k]) != Float.floatToRawIntBits(weight[first[o - 1] + k])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some channels of one network output, resized where read. */
    private final class View implements MapView {
        private final float[] data;
        private final int stride;
        private final int from;
        private final int count;

        View(float[] data, int stride, int from, int count) {
            this.data = data;
            this.stride = stride;
            this.from = from;
            this.count = count;
        }

        @Override
        public int height() {
            return outHeight;
        }

        @Override
        public int width() {
            return outWidth;
        }

        @Override
        public int channels() {
            return count;
        }

        @Override
        public float get(int y, int x, int c) {
            int channel = from + c;
            if (singleCells) {
                // One entry per output on each axis: entry y of the rows, entry x of the columns.
                return single(data[(rows.index[y] * inWidth + columns.index[x]) * stride + channel], columns.weight[x],
                        rows.weight[y]);
            }
            float sum = 0f;
            for (int r = rows.first[y]; r < rows.first[y + 1]; r++) {
                int rowStart = rows.index[r] * inWidth;
                int k = columns.first[x];
                int kEnd = columns.first[x + 1];
                float sumY = times(flush(data[(rowStart + columns.index[k]) * stride + channel]), columns.weight[k]);
                for (k++; k < kEnd; k++) {
                    sumY = flush(sumY + times(flush(data[(rowStart + columns.index[k]) * stride + channel]),
                            columns.weight[k]));
                }
                sum = flush(sum + times(sumY, rows.weight[r]));
            }
            return times(sum, scale);
        }

        @Override
        public void row(int y, int c, float[] out) {
            if (!singleCells) {
                MapView.super.row(y, c, out);
                return;
            }
            int base = rows.index[y] * inWidth * stride + from + c;
            float wy = rows.weight[y];
            int[] index = columns.index;
            float[] weight = columns.weight;
            for (int x = 0; x < outWidth; x++) {
                out[x] = single(data[base + index[x] * stride], weight[x], wy);
            }
        }

        @Override
        public void cells(int y, int x0, int n, float[] out, int offset) {
            if (!singleCells) {
                MapView.super.cells(y, x0, n, out, offset);
                return;
            }
            int rowStart = rows.index[y] * inWidth;
            float wy = rows.weight[y];
            for (int x = 0; x < n; x++) {
                int cell = (rowStart + columns.index[x0 + x]) * stride + from;
                float wx = columns.weight[x0 + x];
                for (int ch = 0, o = offset + x * count; ch < count; ch++, o++) {
                    out[o] = single(data[cell + ch], wx, wy);
                }
            }
        }

        /**
         * A window of one network cell: the op's sum of one term, 0 + v * wx * wy, then the scale;
         * at the {@link #exactRepeat} ratios that is {@code v} unless the product flushes.
         */
        private float single(float v, float wx, float wy) {
            if (exactRepeat) {
                return repeated(v);
            }
            return times(0f + times(times(flush(v), wx), wy), scale);
        }

        /** At the {@link #exactRepeat} ratios: the network cell itself, or +0 where the op's product flushes. */
        private float repeated(float v) {
            return Math.abs(v) < repeatFloor ? 0f : v;
        }

        @Override
        public boolean repeatsRowAbove(int y) {
            return rows.sameAsBefore(y);
        }

        @Override
        public int repetition() {
            return repetition;
        }

        @Override
        public void sourceRow(int sy, int c, float[] out) {
            if (repetition == 1) {
                MapView.super.sourceRow(sy, c, out);
                return;
            }
            // Output row r * sy reads network row sy, output cell r * sx network cell sx.
            int base = sy * inWidth * stride + from + c;
            for (int sx = 0; sx < inWidth; sx++) {
                out[sx] = repeated(data[base + sx * stride]);
            }
        }
    }
}
