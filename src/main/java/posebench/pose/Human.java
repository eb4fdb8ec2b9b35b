package posebench.pose;

import java.util.List;
import java.util.Optional;

/** One assembled skeleton: its parts in part order and its score (tf-pose's sum / count). */
public record Human(List<BodyPart> parts, float score) {

    public Human {
        parts = List.copyOf(parts);
    }

    public Optional<BodyPart> part(CocoPart part) {
        return parts.stream().filter(p -> p.part() == part).findFirst();
    }
}
