package posebench.paf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.peaks.Peak;
import posebench.peaks.PeakList;
import posebench.pose.BodyPart;
import posebench.pose.CocoPart;
import posebench.pose.Human;
import posebench.pose.Limb;

/**
 * tf-pose-estimation's {@code pafprocess}: scores every pair of peaks of each limb along the
 * part-affinity field, matches them greedily, and grows humans limb by limb. It repeats the
 * C++ original's float arithmetic and its quirks (noted where they occur), so it gives the
 * same humans. Stateless: one instance may serve many threads.
 */
public final class PafAssembler {

    /** tf-pose's STEP_PAF: PAF samples along a candidate limb. */
    static final int SAMPLES = 10;
    /** tf-pose's THRESH_VECTOR_SCORE: a sample counts when its dot product exceeds this. */
    static final float VECTOR_SCORE_THRESHOLD = 0.05f;
    /** tf-pose's THRESH_VECTOR_CNT1: a connection needs more counted samples than this. */
    static final int MIN_COUNTED_SAMPLES = 6;

    private static final Limb[] LIMBS = Limb.values();

    /**
     * Assembles humans.
     *
     * @param peaks    the peaks of the smoothed heatmaps, scored with the unsmoothed ones
     * @param heatmaps the unsmoothed upsampled heatmaps, [h, w, 19]
     * @param pafs     the upsampled part-affinity fields, [h, w, 38]
     * @return the humans in pafprocess's order
     */
    public List<Human> assemble(PeakList peaks, FeatureMaps heatmaps, FeatureMaps pafs) {
        checkShapes(peaks, heatmaps, pafs);
        return assemble(peaks, pafs);
    }

    /**
     * Assembles humans from PAFs that may be computed where read, such as the network output
     * upsampled on demand: assembly reads about ten cells along each candidate limb.
     *
     * @param peaks the peaks of the smoothed heatmaps, scored with the unsmoothed ones
     * @param pafs  the upsampled part-affinity fields, [h, w, 38], the size of the peaks' maps
     */
    public List<Human> assemble(PeakList peaks, MapView pafs) {
        if (pafs.channels() != Limb.PAF_CHANNELS || pafs.height() != peaks.height() || pafs.width() != peaks.width()) {
            throw new IllegalArgumentException("PAFs " + pafs.height() + "x" + pafs.width() + "x" + pafs.channels()
                    + " do not fit peaks found on " + peaks.height() + "x" + peaks.width() + " maps (expected "
                    + Limb.PAF_CHANNELS + " channels)");
        }
        int height = pafs.height();
        int width = pafs.width();
        List<Peak> all = peaks.all();
        float[] peakScores = new float[all.size()];
        int[] peakX = new int[all.size()];
        int[] peakY = new int[all.size()];
        for (Peak p : all) {
            if (p.x() < 0 || p.x() >= width || p.y() < 0 || p.y() >= height) {
                throw new IllegalArgumentException("peak " + p.id() + " at (" + p.x() + ", " + p.y()
                        + ") lies outside the " + height + "x" + width + " maps");
            }
            peakScores[p.id()] = p.score();
            peakX[p.id()] = p.x();
            peakY[p.id()] = p.y();
        }
        // PeakList numbers peaks part by part, so each part's ids form one run starting here.
        int[] firstId = new int[CocoPart.COUNT];
        int[] partSize = new int[CocoPart.COUNT];
        int maxPartSize = 0;
        for (int part = 0; part < CocoPart.COUNT; part++) {
            List<Peak> list = peaks.part(part);
            partSize[part] = list.size();
            firstId[part] = list.isEmpty() ? 0 : list.get(0).id();
            maxPartSize = Math.max(maxPartSize, list.size());
        }

        long[] candidates = new long[64];
        boolean[] usedA = new boolean[maxPartSize];
        boolean[] usedB = new boolean[maxPartSize];
        SubsetTable subsets = new SubsetTable(peakScores);
        for (Limb limb : LIMBS) {
            int partA = limb.from().ordinal();
            int partB = limb.to().ordinal();
            int countA = partSize[partA];
            int countB = partSize[partB];
            if (countA == 0 || countB == 0) {
                continue;
            }
            int firstA = firstId[partA];
            int firstB = firstId[partB];
            int kept = 0;
            for (int a = 0; a < countA; a++) {
                int ax = peakX[firstA + a];
                int ay = peakY[firstA + a];
                for (int b = 0; b < countB; b++) {
                    float score = connectionScore(pafs, limb,
                            ax, ay, peakX[firstB + b], peakY[firstB + b]);
                    if (score > 0) {
                        if (kept == candidates.length) {
                            candidates = Arrays.copyOf(candidates, 2 * kept);
                        }
                        candidates[kept++] = candidateKey(score, a * countB + b);
                    }
                }
            }
            // Ascending keys: score descending, then enumeration order (a stable sort; the
            // C++ std::sort is unstable, so its order of ties is unspecified).
            Arrays.sort(candidates, 0, kept);
            Arrays.fill(usedA, 0, countA, false);
            Arrays.fill(usedB, 0, countB, false);
            for (int k = 0; k < kept; k++) {
                int pair = (int) candidates[k];
                int a = pair / countB;
                int b = pair % countB;
                if (usedA[a] || usedB[b]) {
                    continue;
                }
                usedA[a] = true;
                usedB[b] = true;
                subsets.connect(limb, firstA + a, firstB + b, candidateScore(candidates[k]));
            }
        }
        subsets.dropWeak();
        return humans(subsets, peakScores, peakX, peakY, width, height);
    }

    /**
     * pafprocess's criterion for one peak pair: the limb's score if it passes both tests
     * (more than 6 of 10 samples over the threshold, and a positive score), else 0.
     */
    static float connectionScore(MapView pafs, Limb limb, int ax, int ay, int bx, int by) {
        int dx = bx - ax;
        int dy = by - ay;
        // The C++ holds the vector in floats; the squares are exact small integers, so the
        // float sqrt equals the rounded double one.
        float norm = (float) Math.sqrt((float) dx * dx + (float) dy * dy);
        if (norm < 1e-12) {
            return 0;
        }
        float ux = dx / norm;
        float uy = dy / norm;
        float stepX = dx / (float) SAMPLES;
        float stepY = dy / (float) SAMPLES;
        int cx = limb.pafX();
        int cy = limb.pafY();
        float sum = 0;
        int counted = 0;
        for (int i = 0; i < SAMPLES; i++) {
            int x = roundPaf(ax + i * stepX);
            int y = roundPaf(ay + i * stepY);
            float dot = ux * pafs.get(y, x, cx) + uy * pafs.get(y, x, cy);
            sum += dot;
            if (dot > VECTOR_SCORE_THRESHOLD) {
                counted++;
            } else if (i + 1 - counted > SAMPLES - MIN_COUNTED_SAMPLES - 1) {
                // Too many samples failed for the count test to pass: the C++ would score all
                // ten and reject the pair, so stopping here gives the same result sooner.
                return 0;
            }
        }
        // The C++ min(0.0, ...) is double, so the mean is widened, the sum taken in double and
        // the result stored back into a float. std::min returns its first argument unless the
        // second is strictly smaller.
        double penalty = 0.5 * pafs.height() / norm - 1.0;
        float score = (float) (sum / SAMPLES + (penalty < 0.0 ? penalty : 0.0));
        return counted > MIN_COUNTED_SAMPLES && score > 0 ? score : 0;
    }

    /** pafprocess's {@code roundpaf}: the float is widened before adding the double 0.5, then truncated. */
    static int roundPaf(float v) {
        return (int) (v + 0.5);
    }

    /** A sort key for a candidate with positive score: descending score in the high word, pair index low. */
    private static long candidateKey(float score, int pair) {
        return ((long) (Integer.MAX_VALUE - Float.floatToRawIntBits(score)) << 32) | pair;
    }

    private static float candidateScore(long key) {
        return Float.intBitsToFloat(Integer.MAX_VALUE - (int) (key >>> 32));
    }

    private static List<Human> humans(SubsetTable subsets, float[] peakScores, int[] peakX, int[] peakY,
                                      int width, int height) {
        List<Human> humans = new ArrayList<>(subsets.size());
        for (int i = 0; i < subsets.size(); i++) {
            float[] row = subsets.row(i);
            List<BodyPart> parts = new ArrayList<>(CocoPart.COUNT);
            for (int slot = 0; slot < CocoPart.COUNT; slot++) {
                int id = (int) row[slot];
                // An id past the last peak can only come from the peak-0 merge quirk; the C++
                // then reads past its peak vector (undefined), so the part is left out.
                if (id < 0 || id >= peakScores.length) {
                    continue;
                }
                parts.add(new BodyPart(CocoPart.of(slot), (float) peakX[id] / width, (float) peakY[id] / height,
                        peakScores[id], peakX[id], peakY[id]));
            }
            // tf-pose's estimator keeps only humans with at least one part.
            if (!parts.isEmpty()) {
                humans.add(new Human(parts, row[SubsetTable.SCORE] / row[SubsetTable.COUNT]));
            }
        }
        return humans;
    }

    private static void checkShapes(PeakList peaks, FeatureMaps heatmaps, FeatureMaps pafs) {
        if (heatmaps.channels() != CocoPart.HEATMAP_CHANNELS) {
            throw new IllegalArgumentException("heatmaps must have " + CocoPart.HEATMAP_CHANNELS
                    + " channels (18 parts + background), got " + heatmaps.channels());
        }
        if (pafs.channels() != Limb.PAF_CHANNELS) {
            throw new IllegalArgumentException("PAFs must have " + Limb.PAF_CHANNELS + " channels, got " + pafs.channels());
        }
        if (pafs.height() != heatmaps.height() || pafs.width() != heatmaps.width()
                || peaks.height() != heatmaps.height() || peaks.width() != heatmaps.width()) {
            throw new IllegalArgumentException("heatmaps " + heatmaps.height() + "x" + heatmaps.width()
                    + ", PAFs " + pafs.height() + "x" + pafs.width() + " and peaks "
                    + peaks.height() + "x" + peaks.width() + " must be the same size (h x w)");
        }
    }
}
