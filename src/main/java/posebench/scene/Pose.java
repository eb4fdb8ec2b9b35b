package posebench.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import posebench.pose.CocoPart;

/**
 * The joint angles of a synthetic person facing the camera, in degrees. Limb angles are
 * measured from straight down, positive away from the body's midline; the elbow and knee
 * angles bend the lower limb relative to the upper one the same way; {@code headTilt} turns
 * the head clockwise about the neck.
 */
public record Pose(double rightArm, double rightElbow, double leftArm, double leftElbow,
                   double rightLeg, double rightKnee, double leftLeg, double leftKnee, double headTilt) {

    /** Arms slightly out, legs slightly apart, head upright. */
    public static final Pose STANDING = new Pose(20, 10, 20, 10, 8, 0, 8, 0, 0);

    // Body proportions in units of body height, origin at the neck, y pointing down.
    private static final double NOSE = 0.10;
    private static final double EYE_X = 0.04;
    private static final double EYE_Y = -0.035;
    private static final double EAR_X = 0.08;
    private static final double EAR_Y = -0.015;
    private static final double SHOULDER_X = 0.12;
    private static final double SHOULDER_Y = 0.01;
    private static final double UPPER_ARM = 0.16;
    private static final double FOREARM = 0.14;
    private static final double HIP_X = 0.07;
    private static final double HIP_Y = 0.32;
    private static final double THIGH = 0.22;
    private static final double SHIN = 0.22;

    /** A plausible random pose. */
    public static Pose random(RandomGenerator random) {
        return new Pose(random.nextDouble(10, 100), random.nextDouble(-30, 80),
                random.nextDouble(10, 100), random.nextDouble(-30, 80),
                random.nextDouble(0, 20), random.nextDouble(-15, 15),
                random.nextDouble(0, 20), random.nextDouble(-15, 15),
                random.nextDouble(-15, 15));
    }

    /**
     * Joint positions in body-height units relative to the neck, {@code [part][x, y]}; the
     * person's right side is on the image's left.
     */
    double[][] skeleton() {
        double[][] at = new double[CocoPart.COUNT][];
        double tilt = Math.toRadians(headTilt);
        double[] nose = {NOSE * Math.sin(tilt), -NOSE * Math.cos(tilt)};
        at[CocoPart.NOSE.ordinal()] = nose;
        at[CocoPart.NECK.ordinal()] = new double[] {0, 0};
        at[CocoPart.R_EYE.ordinal()] = offset(nose, -EYE_X, EYE_Y, tilt);
        at[CocoPart.L_EYE.ordinal()] = offset(nose, EYE_X, EYE_Y, tilt);
        at[CocoPart.R_EAR.ordinal()] = offset(nose, -EAR_X, EAR_Y, tilt);
        at[CocoPart.L_EAR.ordinal()] = offset(nose, EAR_X, EAR_Y, tilt);
        chain(at, -1, new double[] {-SHOULDER_X, SHOULDER_Y}, CocoPart.R_SHOULDER,
                UPPER_ARM, rightArm, FOREARM, rightElbow);
        chain(at, 1, new double[] {SHOULDER_X, SHOULDER_Y}, CocoPart.L_SHOULDER,
                UPPER_ARM, leftArm, FOREARM, leftElbow);
        chain(at, -1, new double[] {-HIP_X, HIP_Y}, CocoPart.R_HIP, THIGH, rightLeg, SHIN, rightKnee);
        chain(at, 1, new double[] {HIP_X, HIP_Y}, CocoPart.L_HIP, THIGH, leftLeg, SHIN, leftKnee);
        return at;
    }

    /** {@code base} plus ({@code dx}, {@code dy}) turned clockwise by {@code angle} radians. */
    private static double[] offset(double[] base, double dx, double dy, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {base[0] + dx * c - dy * s, base[1] + dx * s + dy * c};
    }

    /** Root joint, then the two following parts (elbow and wrist, or knee and ankle). */
    private static void chain(double[][] at, int side, double[] root, CocoPart rootPart,
                              double upper, double upperAngle, double lower, double bend) {
        double a1 = Math.toRadians(upperAngle);
        double a2 = Math.toRadians(upperAngle + bend);
        double[] middle = {root[0] + side * upper * Math.sin(a1), root[1] + upper * Math.cos(a1)};
        double[] end = {middle[0] + side * lower * Math.sin(a2), middle[1] + lower * Math.cos(a2)};
        at[rootPart.ordinal()] = root;
        at[rootPart.ordinal() + 1] = middle;
        at[rootPart.ordinal() + 2] = end;
    }

    /** This pose with its neck at ({@code neckX}, {@code neckY}) and the given body height, in cells. */
    public Person place(double neckX, double neckY, double height) {
        double[][] at = skeleton();
        List<Joint> joints = new ArrayList<>(CocoPart.COUNT);
        for (int part = 0; part < CocoPart.COUNT; part++) {
            joints.add(new Joint(CocoPart.of(part), (int) Math.round(neckX + at[part][0] * height),
                    (int) Math.round(neckY + at[part][1] * height)));
        }
        return new Person(joints);
    }
}
