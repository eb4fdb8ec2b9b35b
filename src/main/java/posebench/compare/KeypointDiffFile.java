package posebench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import posebench.io.Json;
import posebench.pose.Human;

/**
 * What {@code compare-filters --json} writes and {@code posebench report} draws: for each image, the
 * skeletons at every filter size and their moved, added and lost keypoints against the reference filter.
 */
public record KeypointDiffFile(int referenceFilter, List<Image> images) {

    /** One image: its file name, the path it was read from, and one entry per filter size. */
    public record Image(String name, String path, List<Filter> filters) {

        public Image {
            filters = filters == null ? List.of() : List.copyOf(filters);
        }
    }

    /** One filter size: the counts (null when a file lacks them), the skeletons and the changed keypoints. */
    public record Filter(int filter, KeypointDiff diff, List<Human> humans, List<KeypointChange> changes) {

        public Filter {
            humans = humans == null ? List.of() : List.copyOf(humans);
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    public KeypointDiffFile {
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** The rows of a comparison, grouped by image in their order. */
    public static KeypointDiffFile of(int referenceFilter, List<FilterComparison.Row> rows) {
        Map<Path, List<Filter>> byImage = new LinkedHashMap<>();
        for (FilterComparison.Row row : rows) {
            byImage.computeIfAbsent(row.image(), image -> new ArrayList<>())
                    .add(new Filter(row.filter(), row.diff(), row.skeletons(), row.changes()));
        }
        List<Image> images = new ArrayList<>();
        byImage.forEach((path, filters) -> images.add(new Image(path.getFileName().toString(),
                path.toAbsolutePath().normalize().toString(), filters)));
        return new KeypointDiffFile(referenceFilter, images);
    }

    public static KeypointDiffFile read(Path file) {
        return Json.read(file, KeypointDiffFile.class);
    }

    /** Writes this to {@code file}, whole or not at all. */
    public void write(Path file) {
        Json.write(file, this);
    }
}
