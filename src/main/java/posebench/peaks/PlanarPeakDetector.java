package posebench.peaks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.pose.CocoPart;
import posebench.smoothing.ChannelPlanes;
import posebench.smoothing.GaussianKernel;
import posebench.smoothing.LiveTiles;
import posebench.smoothing.SeparableSmoothing;

/**
 * A Java peak detector that works on one channel plane at a time: it copies the 18 part
 * channels out of the HWC maps (row bands in parallel), finds each channel's peak cells (channels
 * in parallel, each worker with its own scratch) and numbers them in part order, so the result
 * does not depend on the thread count or on which worker took which channel. The background channel 18 is skipped: PAF assembly never
 * reads its peaks.
 */
abstract class PlanarPeakDetector implements PeakDetector {

    /** Row bands of the planes' load: a few per worker, so a late helper still takes some. */
    private static final int LOAD_BANDS = 8;
    /** Spin-wait pauses before yielding: more than a band's load takes (5-20 us here). */
    private static final int SPINS_BEFORE_YIELD = 1000;

    /** tf-pose's threshold as the comparisons need it: peak values must exceed it. */
    static final float THRESHOLD = PeakList.HEAT_THRESHOLD;

    final GaussianKernel kernel;
    private final int threads;
    /** The helper threads, besides the calling one; daemons, so an unclosed detector does not keep the JVM up. */
    private ExecutorService pool;
    private ChannelPlanes planes;
    private List<Scratch> scratch;
    private final CellList[] cells = new CellList[CocoPart.COUNT];

    PlanarPeakDetector(GaussianKernel kernel, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.kernel = kernel;
        this.threads = threads;
        Arrays.setAll(cells, c -> new CellList());
    }

    /** Appends the peak cells ({@code y * width + x}) of one channel to {@code out}, in any order. */
    abstract void findPeaks(ChannelPlanes planes, int channel, Scratch scratch, CellList out);

    /**
     * After {@link #findPeaks}: appends the peaks of channels {@code from .. to} that the
     * detector left open, and forgets them as open. Called once for all channels after every
     * channel's {@code findPeaks}, and at most once per detection for one channel right after its
     * {@code findPeaks}, on the worker that found it, while other workers may still take channels.
     */
    void settle(MapView heatmaps, CellList[] peaks, int from, int to) {
    }

    /** Whether {@link #settle} has work for this channel, and could do it early on its own. */
    boolean settlesEarly(MapView heatmaps, int channel) {
        return false;
    }

    @Override
    public final PeakList detect(FeatureMaps heatmaps) {
        return detect((MapView) heatmaps);
    }

    /**
     * The peaks of maps that may be computed where read, such as heatmaps upsampled on demand:
     * each part channel's cells are read once into the planes, peaks are scored from the view.
     */
    public final PeakList detect(MapView heatmaps) {
        PeakDetector.requirePartChannels(heatmaps);
        prepare(heatmaps);
        planes.expect(heatmaps);
        int height = heatmaps.height();
        // Bands and channels go to whichever worker is free next (see inParallel), in one parallel
        // run: a helper woken once stays busy from the load to the channels.
        int bands = Math.min(LOAD_BANDS, height);
        AtomicInteger nextBand = new AtomicInteger();
        AtomicInteger loadedBands = new AtomicInteger();
        AtomicBoolean loadFailed = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        // One channel's open tests may be settled as soon as they are known, while the other workers
        // take the channels left: the settling run (a TensorFlow session run, mostly fixed cost)
        // then overlaps their work instead of following it. The other channels' wait for the end.
        AtomicBoolean earlyRun = new AtomicBoolean(scratch.size() > 1);
        inParallel(scratch.size(), worker -> {
            for (int b = nextBand.getAndIncrement(); b < bands; b = nextBand.getAndIncrement()) {
                try {
                    planes.load(heatmaps, b * height / bands, (b + 1) * height / bands);
                } catch (RuntimeException | Error e) {
                    loadFailed.set(true);
                    throw e;
                }
                loadedBands.incrementAndGet();
            }
            // Channels read every band: wait for the bands other workers are still loading (a few
            // us), yielding after a while in case the one loading was descheduled on this core.
            for (int spins = 0; loadedBands.get() < bands; spins++) {
                if (loadFailed.get()) {
                    return;
                }
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            for (int c = next.getAndIncrement(); c < CocoPart.COUNT; c = next.getAndIncrement()) {
                cells[c].clear();
                findPeaks(planes, c, scratch.get(worker), cells[c]);
                if (next.get() < CocoPart.COUNT && settlesEarly(heatmaps, c) && earlyRun.compareAndSet(true, false)) {
                    settle(heatmaps, cells, c, c + 1);
                }
            }
        });
        settle(heatmaps, cells, 0, CocoPart.COUNT);
        int width = heatmaps.width();
        PeakList.Builder peaks = new PeakList.Builder(height, width);
        for (int c = 0; c < CocoPart.COUNT; c++) {
            cells[c].sort();
            for (int i = 0; i < cells[c].size; i++) {
                int y = cells[c].cells[i] / width;
                int x = cells[c].cells[i] % width;
                peaks.add(c, x, y, heatmaps.get(y, x, c));
            }
        }
        return peaks.build();
    }

    private void prepare(MapView maps) {
        if (planes != null && planes.fits(maps)) {
            return;
        }
        planes = new ChannelPlanes(maps.height(), maps.width(), CocoPart.COUNT);
        scratch = new ArrayList<>();
        for (int i = 0; i < Math.min(threads, CocoPart.COUNT); i++) {
            scratch.add(new Scratch(kernel, maps.height(), maps.width()));
        }
    }

    /**
     * Runs {@code worker} for workers 0..n-1: worker 0 on the calling thread, the others in the
     * pool. The workers must share their work, each taking the next item free until none is
     * left: a helper that has not started when the caller is done is not waited for and never
     * runs, so a detection does not wait for a pool thread to wake after the network run (45-85 us
     * here), and the caller's caches (the network output it just read) are used. An interrupt
     * does not cut the wait short; it stays set for the caller.
     */
    private void inParallel(int n, IntConsumer worker) {
        if (n == 1) {
            worker.accept(0);
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads - 1, work -> {
                Thread helper = new Thread(work, "posebench-peaks");
                helper.setDaemon(true);
                return helper;
            });
        }
        List<AtomicBoolean> claimed = new ArrayList<>(n - 1);
        List<Future<?>> helpers = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            int index = i;
            AtomicBoolean mine = new AtomicBoolean();
            claimed.add(mine);
            helpers.add(pool.submit(() -> {
                if (mine.compareAndSet(false, true)) {
                    worker.accept(index);
                }
            }));
        }
        RuntimeException failure = null;
        try {
            worker.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        // A helper that started is waited for, also after a failure or an interrupt: it shares the
        // planes and scratch, so it must be done before they are used again.
        boolean interrupted = false;
        for (int i = 0; i < helpers.size(); i++) {
            if (claimed.get(i).compareAndSet(false, true)) {
                continue;
            }
            while (true) {
                try {
                    helpers.get(i).get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = first(failure, e.getCause() instanceof RuntimeException cause ? cause
                            : new IllegalStateException("peak finding failed", e.getCause()));
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException first(RuntimeException failure, RuntimeException next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    /** A growable list of cell indices. */
    static final class CellList {
        int[] cells = new int[16];
        int size;

        void add(int cell) {
            if (size == cells.length) {
                cells = Arrays.copyOf(cells, size * 2);
            }
            cells[size++] = cell;
        }

        void clear() {
            size = 0;
        }

        /** Row-major order, the order of peak ids. */
        void sort() {
            Arrays.sort(cells, 0, size);
        }
    }

    /** One worker's smoothing scratch and tile masks. */
    static final class Scratch {
        final SeparableSmoothing smoothing;
        final LiveTiles tiles;
        /** A 3x3 neighbourhood's per-cell bounds, and the row sums and one row they are made of (threshold detector). */
        final double[] cellBounds = new double[9];
        final double[] windowRows;

        Scratch(GaussianKernel kernel, int height, int width) {
            this.smoothing = new SeparableSmoothing(kernel, height, width);
            this.tiles = new LiveTiles(kernel, height, width);
            this.windowRows = new double[(kernel.size() + 2) * 4];
        }
    }
}
