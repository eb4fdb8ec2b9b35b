package posebench.scene;

import java.util.List;
import java.util.Optional;

import posebench.pose.CocoPart;

/** A synthetic person's ground truth: its joints in part order, each part at most once. */
public record Person(List<Joint> joints) {

    public Person {
        joints = List.copyOf(joints);
        for (int i = 1; i < joints.size(); i++) {
            if (joints.get(i).part().ordinal() <= joints.get(i - 1).part().ordinal()) {
                throw new IllegalArgumentException("joints must be in strictly ascending part order, got "
                        + joints.get(i - 1).part() + " before " + joints.get(i).part());
            }
        }
    }

    public Optional<Joint> joint(CocoPart part) {
        return joints.stream().filter(j -> j.part() == part).findFirst();
    }
}
