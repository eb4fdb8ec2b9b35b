package posebench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.proto.ConfigProto;

import posebench.estimator.PipelineOptions;
import posebench.peaks.PeakDetectorKind;

class ThroughputRunnerTest {

    @TempDir
    Path dir;

    private static ThroughputRunner runner(int workers, int batch, boolean pipelined) {
        return ThroughputRunner.create(TestImages.tinyModel(), TestImages.SMALL, ConfigProto.getDefaultInstance(),
                workers, batch, pipelined);
    }

    @ParameterizedTest(name = "workers {0}, batch {1}, pipelined {2}")
    @CsvSource({"1,1,true", "2,3,true", "3,2,true", "1,1,false", "2,4,false"})
    void everyInputOnceCorruptOnesAsErrors(int workers, int batch, boolean pipelined) throws IOException {
        String[] corrupt = TestImages.mixedDirectory(dir, 8);
        List<ImageInput> once = ImageInput.fromDirectory(dir);
        assertEquals(11, once.size());
        // Three passes over the directory, so batches straddle good and corrupt files.
        List<ImageInput> inputs = new ArrayList<>();
        for (int i = 0; i < 3 * once.size(); i++) {
            inputs.add(new ImageInput(i, once.get(i % once.size()).file()));
        }
        ConcurrentLinkedQueue<ImageResult> results = new ConcurrentLinkedQueue<>();
        RunSummary summary;
        try (ThroughputRunner runner = runner(workers, batch, pipelined)) {
            runner.warmUp();
            summary = runner.run(inputs, results::add);
        }
        Map<Integer, ImageResult> byIndex = new TreeMap<>();
        for (ImageResult r : results) {
            assertTrue(byIndex.put(r.input().index(), r) == null, "index " + r.input().index() + " twice");
        }
        assertEquals(inputs.size(), byIndex.size());
        Set<String> failedNames = new TreeSet<>();
        for (ImageResult r : byIndex.values()) {
            String name = r.input().file().getFileName().toString();
            if (!r.ok()) {
                failedNames.add(name);
                assertTrue(r.error().contains(r.input().file().toString()), r.error());
            }
        }
        assertEquals(Set.of(corrupt), failedNames);
        assertEquals(9, summary.failed());
        assertEquals(24, summary.succeeded());
        assertEquals(24, summary.latencyMicros().getTotalCount());
        assertFalse(summary.cancelled());
        assertTrue(summary.fps() > 0 && summary.cpuUtilisation() >= 0);
    }

    /** The fused smoother's raw outputs travel to the assembly stage, post-processed there as the graph would. */
    @ParameterizedTest(name = "pipelined {0}")
    @CsvSource({"true", "false"})
    void fusedSmootherGivesTheDepthwiseResults(boolean pipelined) throws IOException {
        TestImages.mixedDirectory(dir, 6);
        List<ImageInput> inputs = ImageInput.fromDirectory(dir);
        Map<Integer, ImageResult> depthwise = results(TestImages.SMALL, inputs, pipelined);
        Map<Integer, ImageResult> fused = results(TestImages.SMALL.withSmoother(PeakDetectorKind.FUSED), inputs, pipelined);
        assertEquals(inputs.size(), fused.size());
        for (Map.Entry<Integer, ImageResult> e : depthwise.entrySet()) {
            assertEquals(e.getValue().ok(), fused.get(e.getKey()).ok());
            assertEquals(e.getValue().humans(), fused.get(e.getKey()).humans());
        }
    }

    private static Map<Integer, ImageResult> results(PipelineOptions options, List<ImageInput> inputs, boolean pipelined) {
        Map<Integer, ImageResult> byIndex = new java.util.concurrent.ConcurrentSkipListMap<>();
        try (ThroughputRunner runner = ThroughputRunner.create(TestImages.tinyModel(), options,
                ConfigProto.getDefaultInstance(), 2, 2, pipelined)) {
            runner.warmUp();
            runner.run(inputs, r -> byIndex.put(r.input().index(), r));
        }
        return byIndex;
    }

    @Test
    void failingSinkStopsTheRun() throws IOException {
        TestImages.mixedDirectory(dir, 4);
        try (ThroughputRunner runner = runner(2, 2, true)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> runner.run(ImageInput.fromDirectory(dir), r -> {
                        throw new IllegalStateException("disk full");
                    }));
            assertEquals("disk full", e.getMessage());
        }
    }

    @Test
    void interruptedRunLeavesWholeLinesAndResumeFinishesEveryInputOnce() throws Exception {
        Path image = TestImages.picture(dir.resolve("one.png"), 50);
        // Far more inputs than the 30 before the interrupt: on a loaded machine the caller may not run
        // for a while after it is interrupted, and the workers must not finish everything meanwhile.
        List<ImageInput> inputs = ImageInput.repeated(image, 1200);
        Path out = dir.resolve("out/results.jsonl");
        try (ThroughputRunner runner = runner(2, 2, true)) {
            RunSummary[] first = new RunSummary[1];
            AtomicReference<Thread> caller = new AtomicReference<>();
            AtomicInteger delivered = new AtomicInteger();
            try (JsonLinesOutput output = JsonLinesOutput.create(out, "tiny", TestImages.SMALL)) {
                caller.set(new Thread(() -> first[0] = runner.run(inputs, result -> {
                    output.accept(result);
                    if (delivered.incrementAndGet() == 30) {
                        caller.get().interrupt();
                    }
                })));
                caller.get().start();
                caller.get().join();
            }
            assertTrue(first[0].cancelled());
            int written = first[0].succeeded() + first[0].failed();
            assertTrue(written >= 30 && written < inputs.size(), "written " + written);
            List<String> lines = JsonLinesFiles.wholeLines(out);
            assertEquals(written, lines.size(), "one whole line per result delivered before the cancel");
            assertEquals(written, JsonLinesFiles.indexes(lines).size());

            try (JsonLinesOutput output = JsonLinesOutput.resume(out, "tiny", TestImages.SMALL)) {
                assertEquals(0, output.droppedBytes());
                List<ImageInput> todo = output.remaining(inputs);
                assertEquals(inputs.size() - written, todo.size());
                RunSummary second = runner.run(todo, output);
                assertEquals(todo.size(), second.succeeded());
            }
            List<String> all = JsonLinesFiles.wholeLines(out);
            assertEquals(inputs.size(), all.size());
            assertEquals(inputs.size(), JsonLinesFiles.indexes(all).size());
        }
    }
}
