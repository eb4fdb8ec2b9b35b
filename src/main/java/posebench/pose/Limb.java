package posebench.pose;

import static posebench.pose.CocoPart.L_ANKLE;
import static posebench.pose.CocoPart.L_EAR;
import static posebench.pose.CocoPart.L_ELBOW;
import static posebench.pose.CocoPart.L_EYE;
import static posebench.pose.CocoPart.L_HIP;
import static posebench.pose.CocoPart.L_KNEE;
import static posebench.pose.CocoPart.L_SHOULDER;
import static posebench.pose.CocoPart.L_WRIST;
import static posebench.pose.CocoPart.NECK;
import static posebench.pose.CocoPart.NOSE;
import static posebench.pose.CocoPart.R_ANKLE;
import static posebench.pose.CocoPart.R_EAR;
import static posebench.pose.CocoPart.R_ELBOW;
import static posebench.pose.CocoPart.R_EYE;
import static posebench.pose.CocoPart.R_HIP;
import static posebench.pose.CocoPart.R_KNEE;
import static posebench.pose.CocoPart.R_SHOULDER;
import static posebench.pose.CocoPart.R_WRIST;

/**
 * The 19 limbs of tf-pose-estimation's COCO model in its order ({@code CocoPairs}), each with the
 * part it runs from, the part it runs to, and its (x, y) channel pair in the 38-channel PAF map
 * ({@code CocoPairsNetwork}).
 */
public enum Limb {
    NECK_R_SHOULDER(NECK, R_SHOULDER, 12, 13),
    NECK_L_SHOULDER(NECK, L_SHOULDER, 20, 21),
    R_SHOULDER_R_ELBOW(R_SHOULDER, R_ELBOW, 14, 15),
    R_ELBOW_R_WRIST(R_ELBOW, R_WRIST, 16, 17),
    L_SHOULDER_L_ELBOW(L_SHOULDER, L_ELBOW, 22, 23),
    L_ELBOW_L_WRIST(L_ELBOW, L_WRIST, 24, 25),
    NECK_R_HIP(NECK, R_HIP, 0, 1),
    R_HIP_R_KNEE(R_HIP, R_KNEE, 2, 3),
    R_KNEE_R_ANKLE(R_KNEE, R_ANKLE, 4, 5),
    NECK_L_HIP(NECK, L_HIP, 6, 7),
    L_HIP_L_KNEE(L_HIP, L_KNEE, 8, 9),
    L_KNEE_L_ANKLE(L_KNEE, L_ANKLE, 10, 11),
    NECK_NOSE(NECK, NOSE, 28, 29),
    NOSE_R_EYE(NOSE, R_EYE, 30, 31),
    R_EYE_R_EAR(R_EYE, R_EAR, 34, 35),
    NOSE_L_EYE(NOSE, L_EYE, 32, 33),
    L_EYE_L_EAR(L_EYE, L_EAR, 36, 37),
    R_SHOULDER_R_EAR(R_SHOULDER, R_EAR, 18, 19),
    L_SHOULDER_L_EAR(L_SHOULDER, L_EAR, 26, 27);

    /** Number of limbs; the PAF map has twice as many channels. */
    public static final int COUNT = 19;
    /** PAF channels of the network output: an (x, y) pair per limb. */
    public static final int PAF_CHANNELS = 2 * COUNT;

    private final CocoPart from;
    private final CocoPart to;
    private final int pafX;
    private final int pafY;

    Limb(CocoPart from, CocoPart to, int pafX, int pafY) {
        this.from = from;
        this.to = to;
        this.pafX = pafX;
        this.pafY = pafY;
    }

    /** The part the affinity vectors point away from (pafprocess's {@code part_id1}). */
    public CocoPart from() {
        return from;
    }

    /** The part the affinity vectors point towards (pafprocess's {@code part_id2}). */
    public CocoPart to() {
        return to;
    }

    /** PAF channel of the vector's x component. */
    public int pafX() {
        return pafX;
    }

    /** PAF channel of the vector's y component. */
    public int pafY() {
        return pafY;
    }
}
