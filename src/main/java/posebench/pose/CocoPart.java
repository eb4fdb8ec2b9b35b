package posebench.pose;

/** The 18 COCO keypoints in tf-pose-estimation's heatmap channel order (channel 18 is background). */
public enum CocoPart {
    NOSE("Nose"), NECK("Neck"),
    R_SHOULDER("RShoulder"), R_ELBOW("RElbow"), R_WRIST("RWrist"),
    L_SHOULDER("LShoulder"), L_ELBOW("LElbow"), L_WRIST("LWrist"),
    R_HIP("RHip"), R_KNEE("RKnee"), R_ANKLE("RAnkle"),
    L_HIP("LHip"), L_KNEE("LKnee"), L_ANKLE("LAnkle"),
    R_EYE("REye"), L_EYE("LEye"), R_EAR("REar"), L_EAR("LEar");

    /** Number of body parts, i.e. heatmap channels without the background. */
    public static final int COUNT = 18;
    /** Heatmap channels of the network output: one per part, then the background. */
    public static final int HEATMAP_CHANNELS = COUNT + 1;

    private static final CocoPart[] BY_INDEX = values();

    private final String label;

    CocoPart(String label) {
        this.label = label;
    }

    /** tf-pose's name of the part, as in its JSON and drawings ("RShoulder"). */
    public String label() {
        return label;
    }

    /** The part of heatmap channel {@code index}. */
    public static CocoPart of(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("no COCO part with index " + index + " (0.." + (COUNT - 1) + ")");
        }
        return BY_INDEX[index];
    }
}
