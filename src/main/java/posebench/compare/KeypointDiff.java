package posebench.compare;

import java.util.ArrayList;
import java.util.List;

import posebench.compare.KeypointChange.Kind;
import posebench.pose.BodyPart;
import posebench.pose.CocoPart;
import posebench.pose.Human;

/**
 * How the keypoints of one set of humans differ from a reference set: each human is paired
 * greedily with the reference human sharing the most keypoints within one cell, then every part
 * slot is kept, moved (more than one cell away, Euclidean), added or lost; the parts of unpaired
 * humans count as added or lost.
 */
public record KeypointDiff(int referenceKeypoints, int kept, int moved, int added, int lost) {

    /** Keypoints that moved, appeared or disappeared. */
    public int changed() {
        return moved + added + lost;
    }

    public static KeypointDiff between(List<Human> reference, List<Human> other) {
        List<KeypointChange> slots = slots(reference, other);
        return new KeypointDiff(reference.stream().mapToInt(h -> h.parts().size()).sum(), count(slots, Kind.KEPT),
                count(slots, Kind.MOVED), count(slots, Kind.ADDED), count(slots, Kind.LOST));
    }

    /** The keypoints that moved, appeared or disappeared, paired as {@link #between} pairs them. */
    public static List<KeypointChange> changes(List<Human> reference, List<Human> other) {
        return slots(reference, other).stream().filter(change -> change.kind() != Kind.KEPT).toList();
    }

    /** Every part slot of the paired humans, then every part of the unpaired ones. */
    private static List<KeypointChange> slots(List<Human> reference, List<Human> other) {
        boolean[] refUsed = new boolean[reference.size()];
        boolean[] otherUsed = new boolean[other.size()];
        List<KeypointChange> slots = new ArrayList<>();
        while (true) {
            int bestShared = 0;
            int bestRef = -1;
            int bestOther = -1;
            for (int r = 0; r < reference.size(); r++) {
                for (int o = 0; o < other.size(); o++) {
                    if (!refUsed[r] && !otherUsed[o]) {
                        int shared = shared(reference.get(r), other.get(o));
                        if (shared > bestShared) {
                            bestShared = shared;
                            bestRef = r;
                            bestOther = o;
                        }
                    }
                }
            }
            if (bestRef < 0) {
                break;
            }
            refUsed[bestRef] = true;
            otherUsed[bestOther] = true;
            for (CocoPart part : CocoPart.values()) {
                BodyPart a = reference.get(bestRef).part(part).orElse(null);
                BodyPart b = other.get(bestOther).part(part).orElse(null);
                if (a != null && b != null) {
                    slots.add(new KeypointChange(close(a, b) ? Kind.KEPT : Kind.MOVED, part, a, b));
                } else if (a != null) {
                    slots.add(new KeypointChange(Kind.LOST, part, a, null));
                } else if (b != null) {
                    slots.add(new KeypointChange(Kind.ADDED, part, null, b));
                }
            }
        }
        for (int r = 0; r < reference.size(); r++) {
            if (!refUsed[r]) {
                reference.get(r).parts().forEach(p -> slots.add(new KeypointChange(Kind.LOST, p.part(), p, null)));
            }
        }
        for (int o = 0; o < other.size(); o++) {
            if (!otherUsed[o]) {
                other.get(o).parts().forEach(p -> slots.add(new KeypointChange(Kind.ADDED, p.part(), null, p)));
            }
        }
        return slots;
    }

    private static int count(List<KeypointChange> slots, Kind kind) {
        return (int) slots.stream().filter(change -> change.kind() == kind).count();
    }

    private static int shared(Human a, Human b) {
        int n = 0;
        for (BodyPart p : a.parts()) {
            if (b.part(p.part()).filter(q -> close(p, q)).isPresent()) {
                n++;
            }
        }
        return n;
    }

    /** Within one heatmap cell, Euclidean: a diagonal step counts as a move. */
    private static boolean close(BodyPart a, BodyPart b) {
        int dx = a.px() - b.px();
        int dy = a.py() - b.py();
        return dx * dx + dy * dy <= 1;
    }
}
