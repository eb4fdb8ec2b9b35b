package posebench.profile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

import posebench.estimator.Detections;
import posebench.estimator.PoseEstimator;
import posebench.maps.FeatureMaps;
import posebench.peaks.MaxPoolPeaks;
import posebench.pose.Human;
import posebench.upsample.AreaUpsampling;

/**
 * The Java side of one pipeline run: the retained heap size (JOL) of each stage's output and the
 * bytes each stage allocated on the calling thread, next to the TensorFlow node that made the same
 * data where there is one. PAF assembly keeps no state between calls, so its scratch shows only as
 * what it allocated beyond the humans it returns.
 */
public final class HeapFootprint {

    /** Unknown size or allocation. */
    public static final long UNKNOWN = -1;
    /** Real images give tens to a few hundred peaks; far more means a degenerate heatmap. */
    private static final int MAX_ASSEMBLED_PEAKS = 2000;

    /** One measured object: stage, what it is, retained bytes, bytes its stage allocated, the matching TF node or "". */
    public record Entry(String stage, String object, long retainedBytes, long allocatedBytes, String tfNode) {
    }

    /** Whether JOL works on this JVM, and what it said when it started. */
    private record Jol(boolean available, List<String> notes) {
    }

    private static Jol jol;

    private final List<Entry> entries;
    private final List<String> notes;

    private HeapFootprint(List<Entry> entries, List<String> notes) {
        this.entries = List.copyOf(entries);
        this.notes = List.copyOf(notes);
    }

    /** Runs inference, post-processing and assembly once on a preprocessed input and measures their outputs. */
    public static HeapFootprint measure(PoseEstimator estimator, float[] input) {
        List<String> notes = new ArrayList<>(jol().notes());
        List<Entry> entries = new ArrayList<>();
        Allocation allocation = new Allocation();
        if (!allocation.supported()) {
            notes.add("per-thread allocation counting is not supported by this JVM: allocated bytes unknown");
        }
        entries.add(new Entry("preprocess", "input float[" + input.length + "]", retained(input), UNKNOWN, ""));

        allocation.start();
        FeatureMaps output = estimator.infer(input);
        entries.add(new Entry("infer", "network output " + shape(output), retained(output), allocation.stop(),
                estimator.model().outputName()));

        allocation.start();
        Detections detections = estimator.detectFromNetworkOutput(output);
        entries.add(new Entry("detect", "Detections (all below)", retained(detections), allocation.stop(), ""));
        entries.add(new Entry("detect", "heatmaps " + shape(detections.heatmaps()), retained(detections.heatmaps()),
                UNKNOWN, AreaUpsampling.HEATMAP_OP));
        entries.add(new Entry("detect", "pafs " + shape(detections.pafs()), retained(detections.pafs()), UNKNOWN,
                AreaUpsampling.PAF_OP));
        entries.add(new Entry("detect", "PeakList (" + detections.peaks().size() + " peaks)",
                retained(detections.peaks()), UNKNOWN, MaxPoolPeaks.PEAKS_OP));

        int peaks = detections.peaks().size();
        if (peaks > MAX_ASSEMBLED_PEAKS) {
            notes.add("assembly skipped: " + peaks + " peaks (a flat or noisy heatmap, e.g. generated weights);"
                    + " pairing them is quadratic per limb");
            return new HeapFootprint(entries, notes);
        }
        allocation.start();
        List<Human> humans = estimator.assemble(detections);
        long assembled = allocation.stop();
        long humansSize = retained(humans);
        entries.add(new Entry("assemble", "humans (" + humans.size() + ")", humansSize, assembled, ""));
        entries.add(new Entry("assemble", "assembler scratch (allocated, not returned)", UNKNOWN,
                assembled == UNKNOWN || humansSize == UNKNOWN ? UNKNOWN : Math.max(0, assembled - humansSize), ""));
        return new HeapFootprint(entries, notes);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** What JOL or the JVM said about the accuracy of these numbers. */
    public List<String> notes() {
        return notes;
    }

    private static String shape(FeatureMaps maps) {
        return "[" + maps.height() + ", " + maps.width() + ", " + maps.channels() + "]";
    }

    private static long retained(Object root) {
        return jol().available() ? GraphLayout.parseInstance(root).totalSize() : UNKNOWN;
    }

    /**
     * Starts JOL once, keeping the warnings it prints on stdout (no Instrumentation without
     * {@code -Djdk.attach.allowAttachSelf=true}; sizes then come from field offsets and stay exact
     * for arrays and plain objects) as notes instead of letting them interleave with the table.
     */
    private static synchronized Jol jol() {
        if (jol == null) {
            boolean available = true;
            List<String> found = new ArrayList<>();
            PrintStream stdout = System.out;
            // JOL's Serviceability Agent attach ptrace-stops this JVM from a helper process; with
            // TensorFlow loaded that took minutes, and object sizes do not need it. Without
            // Instrumentation, record fields (FeatureMaps, Human) need JOL's magic field offsets.
            System.getProperties().putIfAbsent("jol.skipHotspotSAAttach", "true");
            System.getProperties().putIfAbsent("jol.magicFieldOffset", "true");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                VM.current();
            } catch (RuntimeException | LinkageError e) {
                available = false;
                found.add("JOL unavailable on this JVM, retained sizes unknown: " + e);
            } finally {
                System.setOut(stdout);
            }
            for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
                String note = line.replaceFirst("^#\\s*", "").trim();
                if (!note.isEmpty()) {
                    found.add("JOL: " + note);
                }
            }
            jol = new Jol(available, List.copyOf(found));
        }
        return jol;
    }

    /** Bytes allocated on the current thread between start and stop, where the JVM counts them. */
    private static final class Allocation {
        private final com.sun.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean t ? t : null;
        private long startBytes;

        boolean supported() {
            return threads != null && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
        }

        void start() {
            startBytes = supported() ? threads.getCurrentThreadAllocatedBytes() : UNKNOWN;
        }

        long stop() {
            return supported() ? threads.getCurrentThreadAllocatedBytes() - startBytes : UNKNOWN;
        }
    }
}
