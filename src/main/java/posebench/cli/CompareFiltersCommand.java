package posebench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import posebench.compare.FilterComparison.Row;
import posebench.compare.FilterComparison;
import posebench.compare.KeypointDiffFile;
import posebench.estimator.PipelineOptions;
import posebench.image.ImageFolder;
import posebench.io.AtomicFile;
import posebench.peaks.PeakDetectorKind;

/** {@code posebench compare-filters}: what each kernel size does to the poses, and what each smoother costs. */
@Command(name = "compare-filters", mixinStandardHelpOptions = true,
        description = "Per image and filter size: humans, keypoints moved/added/lost against the reference filter,"
                + " and the smoothing-and-peaks time of every smoother.")
final class CompareFiltersCommand extends PipelineCommand implements Callable<Integer> {

    @Option(names = "--images", required = true, description = "Image file or folder of images.")
    private Path images;

    @Option(names = "--filters", split = ",", defaultValue = "5,9,13,25",
            description = "Filter sizes to compare (default: ${DEFAULT-VALUE}).")
    private int[] filters;

    @Option(names = "--reference-filter", defaultValue = "25",
            description = "Filter size the others are compared with (default: ${DEFAULT-VALUE}, tf-pose's).")
    private int referenceFilter;

    @Option(names = "--runs", defaultValue = "9", description = "Timed runs per smoother (median) (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--csv", description = "Also write the table as CSV to this file.")
    private Path csv;

    @Option(names = "--json", description = "Also write every image's skeletons per filter and their moved, added and"
            + " lost keypoints as JSON to this file, for posebench report --compare-filters.")
    private Path json;

    @Override
    public Integer call() throws IOException {
        List<Path> files = ImageFolder.list(images);
        PipelineOptions options = pipeline.options();
        List<Row> rows = new ArrayList<>();
        try (FilterComparison comparison = new FilterComparison(modelOptions.load(), options, filters, referenceFilter, runs)) {
            spec.commandLine().getOut().println(header("%-34s"));
            for (Path file : files) {
                for (Row row : comparison.compare(file)) {
                    rows.add(row);
                    spec.commandLine().getOut().println(format(row));
                }
            }
        }
        spec.commandLine().getOut().println("moved: more than one heatmap cell away (Euclidean); times: median ms of smoothing and peaks;"
                + " '*' marks a smoother whose peaks differ from depthwise's");
        if (csv != null) {
            StringBuilder out = new StringBuilder("image,filter,humans,keypoints,kept,moved,added,lost,changed");
            for (PeakDetectorKind s : PeakDetectorKind.values()) {
                out.append(',').append(s.label()).append("_ms,").append(s.label()).append("_same_peaks");
            }
            out.append('\n');
            for (Row r : rows) {
                out.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,%d", r.image().getFileName(), r.filter(), r.humans(),
                        r.keypoints(), r.diff().kept(), r.diff().moved(), r.diff().added(), r.diff().lost(), r.diff().changed()));
                for (PeakDetectorKind s : PeakDetectorKind.values()) {
                    out.append(String.format(Locale.ROOT, ",%.3f,%b", r.smoothingMillis().get(s), r.samePeaks().get(s)));
                }
                out.append('\n');
            }
            AtomicFile.writeString(csv, out.toString());
            spec.commandLine().getOut().println("wrote " + csv);
        }
        if (json != null) {
            KeypointDiffFile.of(referenceFilter, rows).write(json);
            spec.commandLine().getOut().println("wrote " + json);
        }
        return 0;
    }

    private static String header(String imageColumn) {
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, imageColumn + " %6s %6s %9s %6s %6s %6s %6s",
                "image", "filter", "humans", "keypoints", "moved", "added", "lost", "changed"));
        for (PeakDetectorKind s : PeakDetectorKind.values()) {
            h.append(String.format(Locale.ROOT, " %12s", s.label() + " ms"));
        }
        return h.toString();
    }

    private static String format(Row r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s %6d %6d %9d %6d %6d %6d %6d",
                r.image().getFileName(), r.filter(), r.humans(), r.keypoints(), r.diff().moved(), r.diff().added(), r.diff().lost(),
                r.diff().changed()));
        for (PeakDetectorKind s : PeakDetectorKind.values()) {
            line.append(String.format(Locale.ROOT, " %11.2f%s", r.smoothingMillis().get(s),
                    r.samePeaks().get(s) ? " " : "*"));
        }
        return line.toString();
    }
}
