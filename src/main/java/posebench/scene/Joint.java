package posebench.scene;

import java.util.Objects;

import posebench.pose.CocoPart;

/** A ground-truth keypoint of a synthetic person: its part and heatmap cell. */
public record Joint(CocoPart part, int x, int y) {

    public Joint {
        Objects.requireNonNull(part, "part");
    }
}
