package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static posebench.results.SyntheticJmhRun.around;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import posebench.results.SyntheticJmhRun;

/** {@code posebench gate} end to end on synthetic JMH result files: verdicts, table and exit codes. */
class GateCommandTest {

    private static final String PAF = "posebench.paf.PafBenchmark.assemble";
    private static final String PEAKS = "posebench.peaks.PeakBenchmark.find";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gate(Path baseline, Path current, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "--baseline";
        args[1] = baseline.toString();
        args[2] = "--current";
        args[3] = current.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return new CommandLine(new GateCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private Path write(String name, SyntheticJmhRun run) throws IOException {
        return run.write(dir.resolve(name));
    }

    /** A run of the rulers, slowed by {@code rulerSlowdown}, and one benchmark around {@code score}. */
    private Path write(String name, double rulerSlowdown, String benchmark, String mode, String unit, double score,
            double spread) throws IOException {
        return write(name,
                new SyntheticJmhRun().withRulers(rulerSlowdown).add(benchmark, mode, unit, around(score, spread)));
    }

    /** The table line of one benchmark. */
    private String line(String benchmark) {
        return out.toString().lines().filter(l -> l.startsWith(benchmark + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no table line for " + benchmark + " in\n" + out));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            identical runs pass                  | avgt  | us/op | 500  | 500  | 0.02 | 1.0 | 0 | 1.000 | ok
            30 % slower, tight intervals, fails  | avgt  | us/op | 500  | 650  | 0.02 | 1.0 | 1 | 1.300 | REGRESSION
            30 % slower with the ruler passes    | avgt  | us/op | 500  | 650  | 0.02 | 1.3 | 0 | 1.000 | ok
            overlapping noisy intervals pass     | avgt  | us/op | 500  | 650  | 0.4  | 1.0 | 0 | 1.300 | ok: intervals overlap
            30 % less time per op is faster      | avgt  | us/op | 500  | 350  | 0.02 | 1.0 | 0 | 0.700 | faster
            30 % less throughput fails           | thrpt | ops/s | 2000 | 1400 | 0.02 | 1.0 | 1 | 1.429 | REGRESSION
            30 % more throughput is faster       | thrpt | ops/s | 2000 | 2600 | 0.02 | 1.0 | 0 | 0.769 | faster
            throughput slower with the ruler     | thrpt | ops/s | 2000 | 1400 | 0.02 | 1.43 | 0 | 0.999 | ok
            """)
    void judgesOneBenchmark(String name, String mode, String unit, double baselineScore, double currentScore,
            double spread, double rulerSlowdown, int exit, String ratio, String verdict) throws IOException {
        Path baseline = write("base.json", 1, PAF, mode, unit, baselineScore, spread);
        Path current = write("current.json", rulerSlowdown, PAF, mode, unit, currentScore, spread);
        assertEquals(exit, gate(baseline, current), out::toString);
        assertTrue(line(PAF).matches(".* both +" + ratio + " +" + verdict), out::toString);
        assertTrue(out.toString().contains(exit == 0 ? "\nPASS" : "\nFAIL\n  1 regressed: " + PAF), out::toString);
    }

    @Test
    void rawRatiosWithoutRulerWhenAskedTo() throws IOException {
        Path baseline = write("base.json", new SyntheticJmhRun().add(PAF, "avgt", "us/op", around(500, 0.02)));
        Path current = write("current.json", new SyntheticJmhRun().add(PAF, "avgt", "us/op", around(650, 0.02)));
        assertEquals(GateCommand.EXIT_REGRESSION, gate(baseline, current, "--no-ruler"), out::toString);
        assertTrue(out.toString().contains("Ruler:    none (--no-ruler)"), out::toString);
    }

    @Test
    void benchmarkMissingFromCurrentFailsAndNewOneIsNamed() throws IOException {
        Path baseline = write("base.json", 1, PAF, "avgt", "us/op", 500, 0.02);
        Path current = write("current.json", 1, PEAKS, "avgt", "us/op", 80, 0.02);
        int exit = gate(baseline, current);
        assertAll(
                () -> assertEquals(GateCommand.EXIT_REGRESSION, exit, out::toString),
                () -> assertTrue(line(PAF).endsWith("FAIL: missing from current"), out::toString),
                () -> assertTrue(line(PEAKS).endsWith("new: not in baseline"), out::toString),
                () -> assertTrue(out.toString().contains("1 missing from the current run: " + PAF), out::toString),
                () -> assertTrue(out.toString().contains("1 not in the baseline"), out::toString));
    }

    @Test
    void newBenchmarkAloneDoesNotFail() throws IOException {
        Path baseline = write("base.json", new SyntheticJmhRun().withRulers(1));
        Path current = write("current.json", 1, PEAKS, "avgt", "us/op", 80, 0.02);
        assertEquals(GateCommand.EXIT_PASS, gate(baseline, current), out::toString);
    }

    @Test
    void thresholdSetsTheSmallestChangeThatFails() throws IOException {
        Path baseline = write("base.json", 1, PAF, "avgt", "us/op", 500, 0.005);
        Path current = write("current.json", 1, PAF, "avgt", "us/op", 540, 0.005);
        assertEquals(GateCommand.EXIT_PASS, gate(baseline, current), out::toString);
        assertEquals(GateCommand.EXIT_REGRESSION, gate(baseline, current, "--threshold", "5"), out::toString);
    }

    @Test
    void malformedJsonIsAClearErrorNamingTheFile() throws IOException {
        Path baseline = write("base.json", new SyntheticJmhRun().withRulers(1));
        Path current = dir.resolve("truncated.json");
        Files.writeString(current, Files.readString(baseline).substring(0, 200));
        int exit = gate(baseline, current);
        assertAll(
                () -> assertEquals(GateCommand.EXIT_BAD_INPUT, exit),
                () -> assertTrue(err.toString().contains("current file " + current + " is not valid JSON"),
                        err::toString),
                () -> assertEquals("", out.toString()));
    }

    @Test
    void missingFileIsAClearError() throws IOException {
        Path absent = dir.resolve("absent.json");
        assertEquals(GateCommand.EXIT_BAD_INPUT, gate(absent, write("current.json", new SyntheticJmhRun())));
        assertTrue(err.toString().contains("baseline file " + absent + " does not exist"), err::toString);
    }

    @Test
    void missingRulerIsAClearErrorThatSuggestsNoRuler() throws IOException {
        Path baseline = write("base.json", 1, PAF, "avgt", "us/op", 500, 0.02);
        Path current = write("current.json", new SyntheticJmhRun().add(PAF, "avgt", "us/op", around(500, 0.02)));
        assertEquals(GateCommand.EXIT_BAD_INPUT, gate(baseline, current));
        assertTrue(err.toString().contains("current file " + current
                + " has no result for ruler posebench.bench.ruler.RulerBenchmark.javaKernel"), err::toString);
        assertTrue(err.toString().contains("--no-ruler"), err::toString);
    }

    @Test
    void rulerAssignmentShowsInTheTable() throws IOException {
        Path baseline = write("base.json", 1, PAF, "avgt", "us/op", 500, 0.02);
        Path current = write("current.json", 1.3, PAF, "avgt", "us/op", 650, 0.02);
        assertEquals(GateCommand.EXIT_PASS, gate(baseline, current, "--ruler-for", "\\.paf\\.=javaKernel"));
        assertTrue(line(PAF).matches(".* javaKernel +1.000 +ok"), out::toString);
    }

    @Test
    void badRulerAssignmentIsAUsageError() throws IOException {
        Path run = write("run.json", new SyntheticJmhRun().withRulers(1));
        assertEquals(GateCommand.EXIT_BAD_INPUT, gate(run, run, "--ruler-for", "paf=java"));
        assertTrue(err.toString().contains("--ruler-for: unknown ruler 'java'"), err::toString);
        assertEquals(GateCommand.EXIT_BAD_INPUT, gate(run, run, "--ruler-for", "paf=tfOp", "--no-ruler"));
        assertTrue(err.toString().contains("--ruler-for needs the rulers"), err::toString);
    }

    @Test
    void secondRunThatPassesOverrulesAFirstRunThatRegressed() throws IOException {
        Path baseline = write("base.json", 1, PAF, "avgt", "us/op", 500, 0.02);
        Path loaded = write("loaded.json", 1, PAF, "avgt", "us/op", 650, 0.02);
        Path calm = write("calm.json", 1, PAF, "avgt", "us/op", 505, 0.02);
        int exit = gate(baseline, loaded, "--current", calm.toString());
        assertAll(
                () -> assertEquals(GateCommand.EXIT_PASS, exit, out::toString),
                () -> assertTrue(out.toString().contains("\nFAIL\n  1 regressed: " + PAF), out::toString),
                () -> assertTrue(out.toString().contains("Current:  " + calm), out::toString),
                () -> assertTrue(out.toString().contains("Over 2 current runs (a benchmark fails only when it failed"
                        + " in every run): PASS\n  1 failed in some runs only, not confirmed: " + PAF), out::toString));
    }

    @Test
    void regressionInEveryRunFails() throws IOException {
        Path baseline = write("base.json", 1, PAF, "avgt", "us/op", 500, 0.02);
        Path first = write("first.json", 1, PAF, "avgt", "us/op", 1000, 0.02);
        Path second = write("second.json", 1.1, PAF, "avgt", "us/op", 1150, 0.02);
        assertEquals(GateCommand.EXIT_REGRESSION, gate(baseline, first, "--current", second.toString()),
                out::toString);
        assertTrue(out.toString().contains("): FAIL\n  1 failed in every run: " + PAF), out::toString);
    }

    @Test
    void malformedSecondRunIsAnErrorBeforeAnyTable() throws IOException {
        Path baseline = write("base.json", 1, PAF, "avgt", "us/op", 500, 0.02);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[{\"benchmark\":");
        assertEquals(GateCommand.EXIT_BAD_INPUT, gate(baseline, baseline, "--current", broken.toString()));
        assertTrue(err.toString().contains("current file " + broken + " is not valid JSON"), err::toString);
        assertEquals("", out.toString());
    }

    @Test
    void nonPositiveThresholdIsAUsageError() throws IOException {
        Path run = write("run.json", new SyntheticJmhRun().withRulers(1));
        assertEquals(GateCommand.EXIT_BAD_INPUT, gate(run, run, "--threshold", "0"));
        assertTrue(err.toString().contains("--threshold: threshold must be a positive percentage, got 0.0"),
                err::toString);
    }

    private int run(String... args) {
        return new CommandLine(new GateCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    /** Five one-fork files of one build, PAF assembly at the given fork means (tight iterations). */
    private String[] forkFiles(String build, double... forkMeans) throws IOException {
        String[] files = new String[forkMeans.length];
        for (int i = 0; i < forkMeans.length; i++) {
            files[i] = write(build + "-" + i + ".json",
                    new SyntheticJmhRun().add(PAF, "avgt", "us/op", around(forkMeans[i], 0.01))).toString();
        }
        return files;
    }

    private int ab(String[] base, String[] head, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ab", "--base"));
        args.addAll(List.of(base));
        args.add("--head");
        args.addAll(List.of(head));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void abPassesTheSameBuildAndFailsDoubledWork() throws IOException {
        String[] base = forkFiles("base", 6.6, 6.7, 6.5, 6.8, 6.6);
        assertEquals(GateCommand.EXIT_PASS, ab(base, forkFiles("same", 6.7, 6.6, 6.6, 6.5, 6.8)), out::toString);
        assertTrue(out.toString().endsWith("\nPASS\n"), out::toString);
        out.getBuffer().setLength(0);
        assertEquals(GateCommand.EXIT_REGRESSION, ab(base, forkFiles("slow", 13.2, 13.5, 13.1, 13.4, 13.3)),
                out::toString);
        assertTrue(line(PAF).matches(".* n=5 +2\\.015 +0\\.004 +REGRESSION"), out::toString);
    }

    @Test
    void abThresholdAndAlphaAreOptions() throws IOException {
        String[] base = forkFiles("base", 6.6, 6.7, 6.5, 6.8, 6.6);
        String[] slower = forkFiles("slower", 7.3, 7.4, 7.2, 7.5, 7.3);
        assertEquals(GateCommand.EXIT_PASS, ab(base, slower, "--threshold", "15"), out::toString);
        assertEquals(GateCommand.EXIT_REGRESSION, ab(base, slower, "--threshold", "5"), out::toString);
        assertEquals(GateCommand.EXIT_BAD_INPUT, ab(base, slower, "--alpha", "0.001"));
        assertTrue(err.toString().contains("5 baseline and 5 current forks can never reach alpha 0.001"), err::toString);
    }

    @Test
    void abRejectsStoredRunOptionsAndBadFiles() throws IOException {
        String[] base = forkFiles("base", 6.6, 6.7, 6.5, 6.8, 6.6);
        assertEquals(GateCommand.EXIT_BAD_INPUT, ab(base, base, "--no-ruler"));
        assertTrue(err.toString().contains("--ab compares --base and --head without rulers"), err::toString);
        assertEquals(GateCommand.EXIT_BAD_INPUT, run("--base", base[0], "--head", base[1]));
        assertTrue(err.toString().contains("--base and --head need --ab"), err::toString);
        Path absent = dir.resolve("absent.json");
        assertEquals(GateCommand.EXIT_BAD_INPUT, ab(base, new String[] {absent.toString()}));
        assertTrue(err.toString().contains("current file " + absent + " does not exist"), err::toString);
    }
}
