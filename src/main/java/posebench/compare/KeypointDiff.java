package posebench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        int referenceKeypoints = reference.stream().mapToInt(h -> h.parts().size()).sum();
        boolean[] refUsed = new boolean[reference.size()];
        boolean[] otherUsed = new boolean[other.size()];
        int kept = 0;
        int moved = 0;
        int added = 0;
        int lost = 0;
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
                Optional<BodyPart> a = reference.get(bestRef).part(part);
                Optional<BodyPart> b = other.get(bestOther).part(part);
                if (a.isPresent() && b.isPresent()) {
                    if (close(a.get(), b.get())) {
                        kept++;
                    } else {
                        moved++;
                    }
                } else if (a.isPresent()) {
                    lost++;
                } else if (b.isPresent()) {
                    added++;
                }
            }
        }
        lost += partsOfUnused(reference, refUsed);
        added += partsOfUnused(other, otherUsed);
        return new KeypointDiff(referenceKeypoints, kept, moved, added, lost);
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

    private static int partsOfUnused(List<Human> humans, boolean[] used) {
        List<Human> unused = new ArrayList<>();
        for (int i = 0; i < humans.size(); i++) {
            if (!used[i]) {
                unused.add(humans.get(i));
            }
        }
        return unused.stream().mapToInt(h -> h.parts().size()).sum();
    }
}
