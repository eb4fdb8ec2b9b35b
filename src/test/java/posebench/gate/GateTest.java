package posebench.gate;

import posebench.results.SyntheticJmhRun;
import posebench.results.Estimate;
import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.results.ResultsFileException;
import posebench.results.ScoreUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static posebench.results.SyntheticJmhRun.around;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's rules on synthetic runs: keys, units, normalisation and its noise, and input checks. */
class GateTest {

    private static final String STAGE = "posebench.smoothing.SmootherBenchmark.smooth";

    @TempDir
    Path dir;

    private JmhResultFile read(String name, SyntheticJmhRun run) throws IOException, ResultsFileException {
        return JmhResultFile.read(name, run.write(dir.resolve(name + ".json")));
    }

    private GateReport compare(SyntheticJmhRun baseline, SyntheticJmhRun current)
            throws IOException, ResultsFileException {
        return compare(baseline, current, List.of());
    }

    private GateReport compare(SyntheticJmhRun baseline, SyntheticJmhRun current, List<RulerAssignment> assignments)
            throws IOException, ResultsFileException {
        return new Gate(Gate.DEFAULT_THRESHOLD_PERCENT, true, assignments)
                .compare(read("baseline", baseline), read("current", current));
    }

    private static Comparison only(GateReport report, String benchmark, Map<String, String> params) {
        return report.comparisons().stream()
                .filter(c -> c.key().benchmark().equals(benchmark) && c.key().params().equals(params))
                .findFirst().orElseThrow();
    }

    @Test
    void parametersKeepBenchmarksApart() throws Exception {
        GateReport report = compare(
                new SyntheticJmhRun().withRulers(1)
                        .add(STAGE, Map.of("size", "368"), "avgt", "us/op", around(100, 0.01))
                        .add(STAGE, Map.of("size", "656"), "avgt", "us/op", around(300, 0.01)),
                new SyntheticJmhRun().withRulers(1)
                        .add(STAGE, Map.of("size", "368"), "avgt", "us/op", around(100, 0.01))
                        .add(STAGE, Map.of("size", "656"), "avgt", "us/op", around(450, 0.01)));
        assertEquals(Verdict.PASS, only(report, STAGE, Map.of("size", "368")).verdict());
        assertEquals(Verdict.REGRESSION, only(report, STAGE, Map.of("size", "656")).verdict());
        assertEquals(1.5, only(report, STAGE, Map.of("size", "656")).ratio(), 1e-9);
        assertEquals(STAGE + " [avgt, size=656]", report.with(Verdict.REGRESSION).get(0).key().toString());
    }

    @Test
    void unitsConvertBeforeComparing() throws Exception {
        GateReport report = compare(
                new SyntheticJmhRun().withRulers(1).add(STAGE, "avgt", "ms/op", around(2, 0.01)),
                new SyntheticJmhRun().withRulers(1).add(STAGE, "avgt", "us/op", around(2000, 0.01)));
        assertEquals(1.0, only(report, STAGE, Map.of()).ratio(), 1e-9);
        assertTrue(report.passed());
    }

    @Test
    void aBurstOfLoadInOneRulerIterationDoesNotMoveTheFactor() throws Exception {
        SyntheticJmhRun current = new SyntheticJmhRun()
                .add(Ruler.JAVA_KERNEL.benchmark(), "avgt", "us/op", around(1100, 0.01))
                .add(Ruler.TF_OP.benchmark(), "avgt", "us/op", 155, 156, 1800, 154, 155)
                .add(STAGE, "avgt", "us/op", around(130, 0.01));
        GateReport report = compare(
                new SyntheticJmhRun().withRulers(1).add(STAGE, "avgt", "us/op", around(100, 0.01)), current);
        assertEquals(1.0, report.ruler().factor(), 1e-9);
        assertEquals(Verdict.REGRESSION, only(report, STAGE, Map.of()).verdict());
        assertEquals(1.0, only(report, Ruler.TF_OP.benchmark(), Map.of()).ratio(), 1e-9);
    }

    @Test
    void rulerFactorIsTheGeometricMeanOfBothRulersAndTheirDisagreementIsShown() throws Exception {
        SyntheticJmhRun current = new SyntheticJmhRun().withRulers(1.44, 1)
                .add(STAGE, "avgt", "us/op", around(120, 0.01));
        GateReport report = compare(
                new SyntheticJmhRun().withRulers(1).add(STAGE, "avgt", "us/op", around(100, 0.01)), current);
        assertEquals(1.2, report.ruler().factor(), 1e-9);
        assertEquals(1.44, report.ruler().perRuler().get(Ruler.JAVA_KERNEL), 1e-9);
        assertEquals(1.0, only(report, STAGE, Map.of()).ratio(), 1e-9);
        assertTrue(GateTable.render(report).contains("Warning:  the rulers disagree by 44 %"),
                GateTable.render(report));
    }

    @Test
    void anAssignedRulerNormalisesItsBenchmarksAlone() throws Exception {
        // Under load a plain Java loop slowed by 1.6 while the TF op did not: so did the Java stage.
        SyntheticJmhRun current = new SyntheticJmhRun().withRulers(1.6, 1)
                .add(STAGE, "avgt", "us/op", around(160, 0.01));
        SyntheticJmhRun baseline = new SyntheticJmhRun().withRulers(1).add(STAGE, "avgt", "us/op", around(100, 0.01));
        Comparison byBoth = only(compare(baseline, current), STAGE, Map.of());
        assertEquals("both", byBoth.normalisedBy());
        assertEquals(1.6 / Math.sqrt(1.6), byBoth.ratio(), 1e-9);
        assertEquals(Verdict.REGRESSION, byBoth.verdict());
        Comparison byJava = only(compare(baseline, current, List.of(
                RulerAssignment.parse("Inference=tfOp"), RulerAssignment.parse("smoothing\\.=javaKernel"))),
                STAGE, Map.of());
        assertEquals("javaKernel", byJava.normalisedBy());
        assertEquals(1.0, byJava.ratio(), 1e-9);
        assertEquals(Verdict.PASS, byJava.verdict());
    }

    @Test
    void rulerAssignmentsAreCheckedWhenParsed() {
        assertEquals(Ruler.TF_OP, RulerAssignment.parse("a=b=tfOp").ruler());
        assertTrue(RulerAssignment.parse("a=b=tfOp").covers("xa=by"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RulerAssignment.parse("paf"))
                .getMessage().contains("expected REGEX=RULER"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RulerAssignment.parse("paf=java"))
                .getMessage().contains("unknown ruler 'java'; expected javaKernel or tfOp"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RulerAssignment.parse("(=tfOp"))
                .getMessage().contains("bad regular expression in '(=tfOp'"));
    }

    /** A stored run from before the benchmarks moved into posebench.bench, rulers included, against a run after. */
    @Test
    void aBenchmarkThatMovedPackageMatchesItsOldName() throws Exception {
        String moved = "posebench.bench.smoothing.SmootherBenchmark.smooth";
        SyntheticJmhRun baseline = new SyntheticJmhRun()
                .add("posebench.ruler.RulerBenchmark.javaKernel", "avgt", "us/op", around(1100, 0.01))
                .add("posebench.ruler.RulerBenchmark.tfOp", "avgt", "us/op", around(155, 0.01))
                .add(STAGE, "avgt", "us/op", around(100, 0.01));
        GateReport report = compare(baseline,
                new SyntheticJmhRun().withRulers(2).add(moved, "avgt", "us/op", around(200, 0.01)));
        assertEquals(List.of(Verdict.RULER, Verdict.RULER, Verdict.PASS),
                report.comparisons().stream().map(Comparison::verdict).toList());
        assertEquals(2.0, report.ruler().factor(), 0.01);
        assertEquals(1.0, only(report, moved, Map.of()).ratio(), 0.01);
        assertTrue(GateTable.render(report).contains(moved), "the table names the current run's benchmark");
    }

    @Test
    void modeIsPartOfTheKey() throws Exception {
        GateReport report = compare(
                new SyntheticJmhRun().withRulers(1).add(STAGE, "avgt", "us/op", around(100, 0.01)),
                new SyntheticJmhRun().withRulers(1).add(STAGE, "sample", "us/op", around(100, 0.01)));
        assertEquals(List.of(Verdict.RULER, Verdict.RULER, Verdict.MISSING, Verdict.NEW),
                report.comparisons().stream().map(Comparison::verdict).toList());
    }

    @Test
    void rulerInAnotherModeIsAnError() throws Exception {
        SyntheticJmhRun current = new SyntheticJmhRun()
                .add(Ruler.JAVA_KERNEL.benchmark(), "thrpt", "ops/ms", around(0.9, 0.01))
                .add(Ruler.TF_OP.benchmark(), "avgt", "us/op", around(155, 0.01));
        ResultsFileException e = assertThrows(ResultsFileException.class,
                () -> compare(new SyntheticJmhRun().withRulers(1), current));
        assertTrue(e.getMessage().contains("measured in mode avgt in the baseline but thrpt in the current run"),
                e.getMessage());
    }

    @Test
    void singleMeasurementHasNoIntervalSoTheThresholdAloneDecides() throws Exception {
        JmhResultFile file = read("baseline", new SyntheticJmhRun().add(STAGE, "ss", "ms/op", 12.5));
        JmhResult result = file.results().values().iterator().next();
        assertTrue(result.lacksInterval());
        assertTrue(Double.isNaN(result.scoreError()));
        assertEquals(List.of(List.of(12.5)), result.rawData());
        assertEquals(Estimate.exactly(0.0125), result.cost());
        assertEquals(0.0125, result.medianIterationCost());
        GateReport report = new Gate(10, false, List.of()).compare(file,
                read("current", new SyntheticJmhRun().add(STAGE, "ss", "ms/op", 14.0)));
        assertEquals(Verdict.REGRESSION, report.comparisons().get(0).verdict());
    }

    @Test
    void throughputCostInvertsItsInterval() {
        Estimate cost = ScoreUnit.parse("ops/ms").cost(2, 1, 4);
        assertEquals(new Estimate(0.0005, 0.00025, 0.001), cost);
        assertEquals(Double.POSITIVE_INFINITY, ScoreUnit.parse("ops/s").cost(2, -1, 5).high());
        assertEquals(null, ScoreUnit.parse("B/op"));
    }

    @Test
    void inputProblemsNameTheFileAndTheResult() throws IOException {
        assertError("[]", "holds no benchmark results");
        assertError("{\"benchmark\": \"x\"}", "expected a JSON array of results, found object");
        assertError("", "is empty");
        assertError("[{\"benchmark\": \"b.c\", \"mode\": \"avgt\"}]", "result #1 (b.c): 'primaryMetric' is missing");
        String broken = Files.readString(new SyntheticJmhRun().add(STAGE, "thrpt", "us/op", around(1, 0.01))
                .write(dir.resolve("mismatch.json")));
        assertError(broken, "mode thrpt does not go with unit us/op");
        String doubled = Files.readString(new SyntheticJmhRun().add(STAGE, "avgt", "us/op", 1, 2)
                .add(STAGE, "avgt", "us/op", 1, 2).write(dir.resolve("doubled.json")));
        assertError(doubled, "holds " + STAGE + " [avgt] twice");
    }

    private void assertError(String content, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), content);
        ResultsFileException e = assertThrows(ResultsFileException.class, () -> JmhResultFile.read("current", file));
        assertTrue(e.getMessage().startsWith("current file " + file), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
