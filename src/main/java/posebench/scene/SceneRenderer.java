package posebench.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import posebench.maps.FeatureMaps;
import posebench.pose.CocoPart;
import posebench.pose.Limb;

/**
 * Draws deterministic synthetic network outputs for people: a Gaussian bump per joint in its
 * part's heatmap (maximum where people overlap, background = 1 - max of the parts) and, in each
 * limb's PAF channels, the limb's unit vector on every cell near the limb, averaged over the
 * people whose same limb covers a cell, as OpenPose's training ground truth is made.
 */
public final class SceneRenderer {

    /** The upsampled map size of tf-pose's default 432x368 input. */
    public static final int DEFAULT_HEIGHT = 184;
    public static final int DEFAULT_WIDTH = 216;

    private static final Limb[] LIMBS = Limb.values();
    /** Empty cells kept around each person placed on the grid, so neighbours never touch. */
    private static final double GRID_MARGIN = 2;

    private final int height;
    private final int width;
    private final double sigma;
    private final float peakValue;
    private final double limbHalfWidth;

    /** 184x216 maps, bumps of sigma 2 cells peaking at 0.9, limbs 1 cell either side. */
    public SceneRenderer() {
        this(DEFAULT_HEIGHT, DEFAULT_WIDTH);
    }

    public SceneRenderer(int height, int width) {
        this(height, width, 2.0, 0.9f, 1.0);
    }

    /**
     * @param sigma         standard deviation of the joint bumps, in cells
     * @param peakValue     heatmap value at a joint
     * @param limbHalfWidth how far from a limb's segment its PAF reaches, in cells
     */
    public SceneRenderer(int height, int width, double sigma, float peakValue, double limbHalfWidth) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("map size must be positive, got " + height + "x" + width);
        }
        if (!(sigma > 0) || !(peakValue > 0 && peakValue <= 1) || !(limbHalfWidth >= 0)) {
            throw new IllegalArgumentException("need sigma > 0, 0 < peak value <= 1, limb half-width >= 0; got "
                    + sigma + ", " + peakValue + ", " + limbHalfWidth);
        }
        this.height = height;
        this.width = width;
        this.sigma = sigma;
        this.peakValue = peakValue;
        this.limbHalfWidth = limbHalfWidth;
    }

    /**
     * {@code count} people in random poses, one per cell of a near-square grid over the map,
     * so that no two touch; the same seed gives the same scene.
     *
     * @throws IllegalArgumentException if the grid cells are too small for a recognisable person
     */
    public Scene render(int count, long seed) {
        return render(randomPeople(count, seed));
    }

    /** The people of {@link #render(int, long)}. */
    public List<Person> randomPeople(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("people count must not be negative, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int cols = (int) Math.ceil(Math.sqrt(count));
        int rows = count == 0 ? 0 : (count + cols - 1) / cols;
        List<Person> people = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double x0 = (double) (k % cols) * width / cols + GRID_MARGIN;
            double y0 = (double) (k / cols) * height / rows + GRID_MARGIN;
            double roomX = (double) width / cols - 2 * GRID_MARGIN;
            double roomY = (double) height / rows - 2 * GRID_MARGIN;
            Pose pose = Pose.random(random);
            double[][] skeleton = pose.skeleton();
            double minX = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (double[] p : skeleton) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
            // Rounding to cells moves a joint by at most half a cell, which the margin absorbs.
            double scale = Math.min(roomX / (maxX - minX), roomY / (maxY - minY)) * random.nextDouble(0.85, 1.0);
            double neckX = x0 + random.nextDouble() * (roomX - (maxX - minX) * scale) - minX * scale;
            double neckY = y0 + random.nextDouble() * (roomY - (maxY - minY) * scale) - minY * scale;
            Person person = pose.place(neckX, neckY, scale);
            requireDistinctJoints(person, count);
            people.add(person);
        }
        return people;
    }

    private void requireDistinctJoints(Person person, int count) {
        for (Limb limb : LIMBS) {
            Joint a = person.joint(limb.from()).orElseThrow();
            Joint b = person.joint(limb.to()).orElseThrow();
            if (a.x() == b.x() && a.y() == b.y()) {
                throw new IllegalArgumentException(count + " people do not fit a " + height + "x" + width
                        + " map: limb " + limb + " shrinks to a single cell");
            }
        }
    }

    /**
     * Two people standing so close that their bodies overlap, the second one's left forearm
     * bent in across its belly so that it crosses the first one's left forearm in the middle:
     * the PAF of that limb is averaged where they cross.
     */
    public Scene overlappingPair() {
        double body = 0.6 * height;
        double neckX = 0.4 * width;
        double neckY = 0.25 * height;
        Person first = new Pose(20, 10, 45, 0, 6, 0, 10, 0, -5).place(neckX, neckY, body);
        Person second = new Pose(25, 10, 10, -55, 8, 5, 6, -5, 8)
                .place(neckX + 0.18 * body, neckY - 0.045 * body, body);
        return render(List.of(first, second));
    }

    /** A right upper arm and nothing else: one connection, too few parts for a human. */
    public Scene loneLimb() {
        return render(List.of(new Person(List.of(
                new Joint(CocoPart.R_SHOULDER, width / 2 - 8, height / 2 - 6),
                new Joint(CocoPart.R_ELBOW, width / 2 - 11, height / 2 + 8)))));
    }

    /** Renders the given people; every joint must lie inside the map. */
    public Scene render(List<Person> people) {
        float[] heat = new float[height * width * CocoPart.HEATMAP_CHANNELS];
        double[] vectorSum = new double[height * width * Limb.PAF_CHANNELS];
        int[] vectorCount = new int[height * width * Limb.COUNT];
        for (Person person : people) {
            Joint[] byPart = new Joint[CocoPart.COUNT];
            for (Joint joint : person.joints()) {
                if (joint.x() < 0 || joint.x() >= width || joint.y() < 0 || joint.y() >= height) {
                    throw new IllegalArgumentException("joint " + joint + " lies outside the "
                            + height + "x" + width + " map");
                }
                byPart[joint.part().ordinal()] = joint;
                drawBump(heat, joint);
            }
            for (Limb limb : LIMBS) {
                Joint a = byPart[limb.from().ordinal()];
                Joint b = byPart[limb.to().ordinal()];
                if (a != null && b != null) {
                    drawLimb(vectorSum, vectorCount, limb, a, b);
                }
            }
        }
        for (int cell = 0; cell < height * width; cell++) {
            float max = 0;
            for (int c = 0; c < CocoPart.COUNT; c++) {
                max = Math.max(max, heat[cell * CocoPart.HEATMAP_CHANNELS + c]);
            }
            heat[cell * CocoPart.HEATMAP_CHANNELS + CocoPart.COUNT] = 1 - max;
        }
        float[] paf = new float[vectorSum.length];
        for (int cell = 0; cell < height * width; cell++) {
            for (Limb limb : LIMBS) {
                int n = vectorCount[cell * Limb.COUNT + limb.ordinal()];
                if (n > 0) {
                    int base = cell * Limb.PAF_CHANNELS;
                    paf[base + limb.pafX()] = (float) (vectorSum[base + limb.pafX()] / n);
                    paf[base + limb.pafY()] = (float) (vectorSum[base + limb.pafY()] / n);
                }
            }
        }
        return new Scene(new FeatureMaps(heat, height, width, CocoPart.HEATMAP_CHANNELS),
                new FeatureMaps(paf, height, width, Limb.PAF_CHANNELS), people);
    }

    private void drawBump(float[] heat, Joint joint) {
        int radius = (int) Math.ceil(3 * sigma);
        int c = joint.part().ordinal();
        for (int y = Math.max(0, joint.y() - radius); y <= Math.min(height - 1, joint.y() + radius); y++) {
            for (int x = Math.max(0, joint.x() - radius); x <= Math.min(width - 1, joint.x() + radius); x++) {
                int dx = x - joint.x();
                int dy = y - joint.y();
                int d2 = dx * dx + dy * dy;
                if (d2 <= radius * radius) {
                    int at = (y * width + x) * CocoPart.HEATMAP_CHANNELS + c;
                    heat[at] = Math.max(heat[at], (float) (peakValue * Math.exp(-d2 / (2 * sigma * sigma))));
                }
            }
        }
    }

    private void drawLimb(double[] vectorSum, int[] vectorCount, Limb limb, Joint a, Joint b) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            return;
        }
        double ux = dx / length;
        double uy = dy / length;
        int reach = (int) Math.ceil(limbHalfWidth);
        int x0 = Math.max(0, Math.min(a.x(), b.x()) - reach);
        int x1 = Math.min(width - 1, Math.max(a.x(), b.x()) + reach);
        int y0 = Math.max(0, Math.min(a.y(), b.y()) - reach);
        int y1 = Math.min(height - 1, Math.max(a.y(), b.y()) + reach);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                // Distance from the cell to the segment a-b.
                double t = Math.max(0, Math.min(length, (x - a.x()) * ux + (y - a.y()) * uy));
                double ex = x - (a.x() + t * ux);
                double ey = y - (a.y() + t * uy);
                if (ex * ex + ey * ey <= limbHalfWidth * limbHalfWidth) {
                    int cell = y * width + x;
                    vectorSum[cell * Limb.PAF_CHANNELS + limb.pafX()] += ux;
                    vectorSum[cell * Limb.PAF_CHANNELS + limb.pafY()] += uy;
                    vectorCount[cell * Limb.COUNT + limb.ordinal()]++;
                }
            }
        }
    }
}
