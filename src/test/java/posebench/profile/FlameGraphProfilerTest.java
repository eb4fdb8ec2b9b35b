package posebench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.Result;

import posebench.smoothing.GaussianKernel;

class FlameGraphProfilerTest {

    @TempDir
    Path dir;

    /** Java work in a posebench frame for the profiler to sample. */
    private static double busy(long millis) {
        double sum = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            sum += new GaussianKernel(25, 3.0).kernel2dExact()[312];
        }
        return sum;
    }

    /** Work between iterations that must not show: what TraceProfiler does while the graph is paused. */
    private static double unrecordedWork(long millis) {
        double sum = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            sum += Math.sqrt(sum + 1);
        }
        return sum;
    }

    private Collection<? extends Result<?>> iteration(FlameGraphProfiler profiler, BenchmarkParams benchmark,
                                                   boolean measurement) {
        var params = measurement ? JmhParams.MEASUREMENT : JmhParams.WARMUP;
        profiler.beforeIteration(benchmark, params);
        assertTrue(busy(150) > 0);
        return profiler.afterIteration(benchmark, params, JmhParams.result(benchmark, params));
    }

    @Test
    void oneHtmlFlameGraphPerParameterSetOverMeasurementOnly() throws Exception {
        FlameGraphProfiler profiler = new FlameGraphProfiler("dir=" + dir);
        for (String filter : List.of("5", "25")) {
            BenchmarkParams benchmark = JmhParams.benchmark("posebench.bench.SmoothingBenchmark.smooth",
                    Map.of("filterSize", filter));
            assertTrue(iteration(profiler, benchmark, false).isEmpty());
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(filter.equals("5") ? 0 : 1, files.count(), "nothing is recorded in warm-up");
            }
            assertTrue(iteration(profiler, benchmark, true).isEmpty(), "still recording after the first");
            assertTrue(FlameGraphProfiler.paused(() -> unrecordedWork(150)) > 0);
            Collection<? extends Result<?>> last = iteration(profiler, benchmark, true);
            assertEquals(1, last.size());
            assertTrue(last.iterator().next().extendedInfo().contains("flame-SmoothingBenchmark.smooth-avgt-filterSize-"
                    + filter + ".html"), last.iterator().next().extendedInfo());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("flame-SmoothingBenchmark.smooth-avgt-filterSize-25.html",
                    "flame-SmoothingBenchmark.smooth-avgt-filterSize-5.html"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String html = Files.readString(dir.resolve("flame-SmoothingBenchmark.smooth-avgt-filterSize-25.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.stripTrailing().endsWith("</html>"), html.substring(0, 40));
        List<String> frames = frames(html);
        assertTrue(frames.stream().anyMatch(f -> f.startsWith("posebench/smoothing/GaussianKernel")),
                "a posebench frame in the flame graph: " + frames.size() + " frames");
        assertTrue(frames.stream().noneMatch(f -> f.contains("unrecordedWork")), "paused work is not recorded");
    }

    /**
     * The frame names of an async-profiler HTML flame graph: its {@code cpool} array stores the first
     * name as is and each later one as the length of the prefix it shares with the previous one (a
     * character, offset by 32), then the rest.
     */
    private static List<String> frames(String html) {
        int start = html.indexOf("cpool = [");
        assertTrue(start >= 0, "no cpool in the flame graph");
        String pool = html.substring(start, html.indexOf("];", start));
        Matcher m = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'").matcher(pool);
        List<String> frames = new ArrayList<>();
        String previous = null;
        while (m.find()) {
            String s = m.group(1).replace("\\'", "'").replace("\\\\", "\\");
            previous = previous == null ? s : previous.substring(0, s.charAt(0) - 32) + s.substring(1);
            frames.add(previous);
        }
        return frames;
    }

    @Test
    void optionsInJmhStyle() {
        ProfilerException help = assertThrows(ProfilerException.class, () -> new FlameGraphProfiler("help"));
        assertTrue(help.getMessage().contains("event=<event>") && help.getMessage().contains("itimer"), help.getMessage());
        assertThrows(ProfilerException.class, () -> new FlameGraphProfiler("interval=0"));
    }
}
