package posebench.throughput;

import java.util.List;
import java.util.Objects;

import posebench.pose.Human;

/**
 * What a throughput run made of one input: its humans, or the error that stopped it, and the
 * time from the start of its decoding to its result.
 */
public record ImageResult(ImageInput input, List<Human> humans, String error, long latencyNanos) {

    public ImageResult {
        Objects.requireNonNull(input, "input");
        if ((humans == null) == (error == null)) {
            throw new IllegalArgumentException("a result holds either humans or an error");
        }
    }

    public static ImageResult succeeded(ImageInput input, List<Human> humans, long latencyNanos) {
        return new ImageResult(input, List.copyOf(humans), null, latencyNanos);
    }

    public static ImageResult failed(ImageInput input, String error, long latencyNanos) {
        return new ImageResult(input, null, error, latencyNanos);
    }

    public boolean ok() {
        return error == null;
    }
}
