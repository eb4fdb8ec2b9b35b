package posebench.compare;

import posebench.pose.BodyPart;
import posebench.pose.CocoPart;

/**
 * One part slot of a paired (or unpaired) human against the reference: kept, moved (more than one
 * cell away), added or lost. {@code reference} is null for an added part, {@code other} for a lost one.
 */
public record KeypointChange(Kind kind, CocoPart part, BodyPart reference, BodyPart other) {

    /** What happened to one keypoint. */
    public enum Kind { KEPT, MOVED, ADDED, LOST }
}
