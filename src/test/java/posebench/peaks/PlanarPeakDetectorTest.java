package posebench.peaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.pose.CocoPart;
import posebench.smoothing.ChannelPlanes;
import posebench.smoothing.GaussianKernel;

/**
 * The channel workers: the calling thread is one of them, a failing channel or load fails the
 * detection only after every worker is done, and one channel's open tests may be settled early.
 */
class PlanarPeakDetectorTest {

    /** Finds no peaks; records the threads that worked, can fail on one channel and counts finished channels. */
    private static final class Recording extends PlanarPeakDetector {
        final Set<Thread> workers = ConcurrentHashMap.newKeySet();
        final AtomicInteger finished = new AtomicInteger();
        volatile int failOn = -1;
        volatile boolean slow = true;
        final AtomicIntegerArray perChannel = new AtomicIntegerArray(CocoPart.COUNT);
        /** Channels with tests to settle; each settle call as "from-to", with the thread and what was found before it. */
        volatile Set<Integer> open = Set.of();
        final List<String> settled = new CopyOnWriteArrayList<>();
        final Map<Integer, Thread> foundBy = new ConcurrentHashMap<>();

        Recording(int threads) {
            super(new GaussianKernel(5, 3.0), threads);
        }

        @Override
        void findPeaks(ChannelPlanes planes, int channel, Scratch scratch, CellList out) {
            workers.add(Thread.currentThread());
            foundBy.put(channel, Thread.currentThread());
            if (channel == failOn) {
                throw new IllegalStateException("channel " + channel + " fails");
            }
            perChannel.incrementAndGet(channel);
            // Long enough that both workers take channels.
            long until = System.nanoTime() + (slow ? 2_000_000 : 0);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            finished.incrementAndGet();
        }

        @Override
        boolean settlesEarly(MapView heatmaps, int channel) {
            return open.contains(channel);
        }

        @Override
        void settle(MapView heatmaps, CellList[] peaks, int from, int to) {
            boolean own = to == from + 1 && foundBy.get(from) == Thread.currentThread();
            settled.add(from + "-" + to + (to == from + 1 ? own ? " on its worker" : " elsewhere" : "")
                    + " after " + finished.get() + " channels");
        }
    }

    @Test
    void theCallingThreadTakesChannelsToo() {
        try (Recording detector = new Recording(2)) {
            detector.detect(FeatureMaps.zeros(16, 16, 19));
            assertTrue(detector.workers.contains(Thread.currentThread()), "workers: " + detector.workers);
            assertEquals(2, detector.workers.size(), "workers: " + detector.workers);
            assertEquals(CocoPart.COUNT, detector.finished.get());
        }
    }

    @Test
    void aFailingChannelFailsTheDetectionAfterTheOtherWorkerIsDone() {
        try (Recording detector = new Recording(2)) {
            for (int failOn : new int[] {0, 1, CocoPart.COUNT - 1}) {
                detector.failOn = failOn;
                detector.finished.set(0);
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> detector.detect(FeatureMaps.zeros(16, 16, 19)));
                assertEquals("channel " + failOn + " fails", e.getMessage());
                // The worker that did not fail ran its channels to the end before detect returned.
                int done = detector.finished.get();
                long until = System.nanoTime() + 50_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                assertEquals(done, detector.finished.get(), "no channel finished after detect had returned");
            }
            detector.failOn = -1;
            detector.finished.set(0);
            detector.detect(FeatureMaps.zeros(16, 16, 19));
            assertEquals(CocoPart.COUNT, detector.finished.get(), "the detector works after a failure");
        }
    }

    @Test
    void oneThreadWorksOnTheCallingThreadAlone() {
        try (Recording detector = new Recording(1)) {
            detector.detect(FeatureMaps.zeros(8, 8, 19));
            assertSame(Thread.currentThread(), detector.workers.iterator().next());
            assertEquals(1, detector.workers.size());
        }
    }

    /**
     * With quick channels the caller is often done before the helper wakes: it is then not waited
     * for and never runs. Either way every channel is found exactly once.
     */
    @Test
    void everyChannelIsFoundOnceWhetherTheHelperStartsOrNot() {
        try (Recording detector = new Recording(2)) {
            detector.slow = false;
            int runs = 500;
            int withoutHelper = 0;
            for (int i = 0; i < runs; i++) {
                detector.workers.clear();
                detector.detect(FeatureMaps.zeros(16, 16, 19));
                if (detector.workers.size() == 1) {
                    withoutHelper++;
                }
            }
            for (int c = 0; c < CocoPart.COUNT; c++) {
                assertEquals(runs, detector.perChannel.get(c), "channel " + c);
            }
            assertTrue(withoutHelper > 0, "some detections were done before the helper woke");
        }
    }

    /**
     * The first channel with open tests is settled right after it is found, on its worker, while
     * the other worker still takes channels; every channel's are settled once more at the end.
     */
    @Test
    void oneChannelIsSettledEarlyOnItsWorkerAndAllAtTheEnd() {
        try (Recording detector = new Recording(2)) {
            detector.open = Set.of(3, 9);
            detector.detect(FeatureMaps.zeros(16, 16, 19));
            assertEquals(2, detector.settled.size(), "settle calls: " + detector.settled);
            String early = detector.settled.get(0);
            assertTrue(early.startsWith("3-4 on its worker") || early.startsWith("9-10 on its worker"), early);
            int before = Integer.parseInt(early.substring(early.lastIndexOf("after ") + 6, early.lastIndexOf(" channels")));
            assertTrue(before < CocoPart.COUNT - 1, "channels were left for the other worker: " + early);
            assertEquals("0-" + CocoPart.COUNT + " after " + CocoPart.COUNT + " channels", detector.settled.get(1));
        }
    }

    /** With one thread nothing runs beside an early settling run: every channel waits for the one at the end. */
    @Test
    void oneThreadSettlesAtTheEndOnly() {
        try (Recording detector = new Recording(1)) {
            detector.open = Set.of(0, 9);
            detector.detect(FeatureMaps.zeros(8, 8, 19));
            assertEquals(List.of("0-" + CocoPart.COUNT + " after " + CocoPart.COUNT + " channels"), detector.settled);
        }
    }

    /** A map that fails to load fails the detection: the worker waiting for the band does not wait forever. */
    @Test
    void aFailingLoadFailsTheDetectionWithoutAWorkerWaitingForever() {
        MapView failing = new MapView() {
            @Override
            public int height() {
                return 64;
            }

            @Override
            public int width() {
                return 16;
            }

            @Override
            public int channels() {
                return 19;
            }

            @Override
            public float get(int y, int x, int c) {
                if (y == 40) {
                    throw new IllegalStateException("row 40 cannot be read");
                }
                return 0;
            }
        };
        try (Recording detector = new Recording(2)) {
            for (int i = 0; i < 20; i++) {
                IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(IllegalStateException.class, () -> detector.detect(failing)));
                assertEquals("row 40 cannot be read", e.getMessage());
            }
            assertEquals(0, detector.finished.get(), "no channel was searched on a half-loaded map");
            detector.detect(FeatureMaps.zeros(16, 16, 19));
            assertEquals(CocoPart.COUNT, detector.finished.get(), "the detector works after a failure");
        }
    }

    /** An interrupt does not leave a helper running on the shared planes: the detection completes and the flag stays set. */
    @Test
    void anInterruptDoesNotCutTheWaitForTheHelperShort() {
        try (Recording detector = new Recording(2)) {
            Thread.currentThread().interrupt();
            try {
                detector.detect(FeatureMaps.zeros(16, 16, 19));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt stays set for the caller (cleared here)");
            }
            assertEquals(CocoPart.COUNT, detector.finished.get());
            assertEquals(2, detector.workers.size(), "workers: " + detector.workers);
        }
    }
}
