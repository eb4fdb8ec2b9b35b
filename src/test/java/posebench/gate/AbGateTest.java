package posebench.gate;

import posebench.results.SyntheticJmhRun;
import posebench.results.JmhResultFile;
import posebench.results.ResultsFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The A/B gate's rule on synthetic per-fork data: rank test, effect size, matching and input checks. */
class AbGateTest {

    private static final String PAF = "posebench.paf.PafBenchmark.assemble";
    private static final String SMOOTHING = "posebench.smoothing.SmoothingBenchmark.detect";

    @TempDir
    Path dir;

    private int files;

    private final AbGate gate = new AbGate(10, AbGate.DEFAULT_ALPHA);

    /** Five iterations per fork around each fork's mean, with a 2 % spread inside the JVM. */
    private static double[][] forks(double... forkMeans) {
        double[][] forks = new double[forkMeans.length][];
        for (int i = 0; i < forkMeans.length; i++) {
            forks[i] = SyntheticJmhRun.around(forkMeans[i], 0.02);
        }
        return forks;
    }

    private JmhResultFile file(String role, SyntheticJmhRun run) throws IOException, ResultsFileException {
        return JmhResultFile.read(role, run.write(dir.resolve(role + "-" + files++ + ".json")));
    }

    private AbReport compare(SyntheticJmhRun baseline, SyntheticJmhRun current) throws Exception {
        return gate.compare(List.of(file("baseline", baseline)), List.of(file("current", current)));
    }

    private static SyntheticJmhRun paf(double... forkMeans) {
        return new SyntheticJmhRun().addForks(PAF, Map.of("people", "4"), "avgt", "us/op", forks(forkMeans));
    }

    private static AbComparison only(AbReport report) {
        assertEquals(1, report.comparisons().size(), report.comparisons()::toString);
        return report.comparisons().get(0);
    }

    @Test
    void rankTestIsExact() {
        // 3 + 3 values: 20 labellings; rank sums 15 and 14 are the two at or above {3, 5, 6}'s 14.
        assertEquals(2 / 20.0, RankSumTest.pLarger(new double[] {1, 2, 4}, new double[] {3, 5, 6}), 1e-12);
        assertEquals(1 / 252.0, RankSumTest.pLarger(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}), 1e-12);
        assertEquals(1.0, RankSumTest.pLarger(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5}), 1e-12);
        assertEquals(1 / 252.0, RankSumTest.smallestP(5, 5), 1e-12);
        // All tied: every labelling has the observed rank sum.
        assertEquals(1.0, RankSumTest.pLarger(new double[] {2, 2}, new double[] {2, 2}), 1e-12);
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        // 16 + 16 values have C(32, 16) labellings, too many to count.
        double[] low = new double[16];
        double[] high = new double[16];
        double[] odd = new double[16];
        double[] even = new double[16];
        for (int i = 0; i < 16; i++) {
            low[i] = i;
            high[i] = 16 + i;
            odd[i] = 2 * i + 1;
            even[i] = 2 * i + 2;
        }
        assertTrue(RankSumTest.pLarger(low, high) < 1e-6);
        assertTrue(RankSumTest.pLarger(high, low) > 1 - 1e-6);
        // Rank sum 272 against a mean of 264 and a deviation of 26.5: z = 0.28, p = 0.39.
        assertEquals(0.39, RankSumTest.pLarger(odd, even), 0.01);
    }

    @Test
    void doubledWorkIsARegression() throws Exception {
        AbComparison row = only(compare(paf(6.6, 6.7, 6.5, 6.8, 6.6), paf(13.2, 13.5, 13.1, 13.4, 13.3)));
        assertEquals(Verdict.REGRESSION, row.verdict());
        assertEquals(13.3 / 6.6, row.ratio(), 1e-9);
        assertEquals(1 / 252.0, row.pSlower(), 1e-12);
    }

    @Test
    void twentyPercentWithTightForksIsARegression() throws Exception {
        assertEquals(Verdict.REGRESSION, only(compare(paf(6.6, 6.7, 6.5, 6.8, 6.6), paf(8.0, 7.9, 8.1, 7.8, 8.0))).verdict());
    }

    @Test
    void slowdownThatTheForkSpreadExplainsIsNotSignificant() throws Exception {
        // Two JVM modes, 3.4 and 4.6 ms: the current forks drew the slow one more often.
        AbComparison row = only(compare(paf(3.4, 3.5, 3.4, 4.6, 4.7), paf(4.6, 3.4, 4.5, 4.7, 4.6)));
        assertTrue(row.ratio() > 1.1, "ratio " + row.ratio());
        assertEquals(Verdict.NOT_SIGNIFICANT, row.verdict());
    }

    @Test
    void significantChangeBelowTheThresholdPasses() throws Exception {
        AbComparison row = only(compare(paf(6.60, 6.61, 6.62, 6.63, 6.64), paf(6.90, 6.91, 6.92, 6.93, 6.94)));
        assertEquals(1 / 252.0, row.pSlower(), 1e-12);
        assertEquals(Verdict.PASS, row.verdict());
    }

    @Test
    void fasterIsNamedAndPasses() throws Exception {
        AbReport report = compare(paf(6.6, 6.7, 6.5, 6.8, 6.6), paf(3.3, 3.4, 3.2, 3.3, 3.3));
        assertEquals(Verdict.FASTER, only(report).verdict());
        assertTrue(report.passed());
    }

    @Test
    void sameBuildTwicePassesOnNoisyBimodalForks() throws Exception {
        // 200 A/A comparisons of forks drawn from one distribution with two JVM modes 35 % apart:
        // a benchmark may fail only when all five current forks rank above all five baseline
        // forks, which happens in 1 of 252 labellings, and then still needs the 10 % effect.
        Random random = new Random(11);
        int failed = 0;
        for (int run = 0; run < 200; run++) {
            failed += compare(paf(bimodal(random)), paf(bimodal(random))).passed() ? 0 : 1;
        }
        assertTrue(failed <= 3, failed + " of 200 A/A comparisons failed");
    }

    private static double[] bimodal(Random random) {
        double[] forkMeans = new double[5];
        for (int i = 0; i < forkMeans.length; i++) {
            forkMeans[i] = (random.nextBoolean() ? 3.4 : 4.6) * (1 + 0.03 * random.nextGaussian());
        }
        return forkMeans;
    }

    @Test
    void throughputIsJudgedAsTimePerOperation() throws Exception {
        double[][] fast = forks(1000, 1010, 990, 1005, 995);
        double[][] slow = forks(500, 505, 495, 502, 498);
        AbComparison row = only(compare(new SyntheticJmhRun().addForks(PAF, Map.of(), "thrpt", "ops/ms", fast),
                new SyntheticJmhRun().addForks(PAF, Map.of(), "thrpt", "ops/ms", slow)));
        assertEquals(Verdict.REGRESSION, row.verdict());
        assertEquals(2, row.ratio(), 1e-9);
    }

    @Test
    void forksPoolOverFiles() throws Exception {
        List<JmhResultFile> baseline = new ArrayList<>();
        List<JmhResultFile> current = new ArrayList<>();
        double[] base = {6.6, 6.7, 6.5, 6.8, 6.6};
        for (double forkMean : base) {
            baseline.add(file("baseline", paf(forkMean)));
            current.add(file("current", paf(forkMean * 2)));
        }
        AbComparison row = only(gate.compare(baseline, current));
        assertEquals(5, row.baselineForks().size());
        assertEquals(Verdict.REGRESSION, row.verdict());
    }

    @Test
    void missingFromCurrentFailsAndNewPasses() throws Exception {
        double[] same = {6.6, 6.7, 6.5, 6.8, 6.6};
        SyntheticJmhRun baseline = paf(same)
                .addForks(SMOOTHING, Map.of("smoother", "separable"), "avgt", "ms/op", forks(same));
        SyntheticJmhRun current = paf(same)
                .addForks(SMOOTHING, Map.of("smoother", "exact"), "avgt", "ms/op", forks(same));
        AbReport report = compare(baseline, current);
        assertFalse(report.passed());
        assertEquals(Map.of("smoother", "separable"), report.with(Verdict.MISSING).get(0).key().params());
        assertEquals(Map.of("smoother", "exact"), report.with(Verdict.NEW).get(0).key().params());
        assertEquals(Verdict.PASS, report.with(Verdict.PASS).get(0).verdict());
        String table = AbTable.render(report);
        assertTrue(table.contains("hint: SmoothingBenchmark.detect is missing at the baseline's params and new at"
                + " others"), table);
        assertFalse(table.contains("hint: PafBenchmark"), table);
    }

    /** A base revision from before the benchmarks moved into posebench.bench names them in their stages' packages. */
    @Test
    void aBenchmarkThatMovedPackageMatchesItsOldName() throws Exception {
        double[] same = {6.6, 6.7, 6.5, 6.8, 6.6};
        String moved = "posebench.bench.paf.PafBenchmark.assemble";
        AbReport report = compare(paf(same),
                new SyntheticJmhRun().addForks(moved, Map.of("people", "4"), "avgt", "us/op", forks(same)));
        AbComparison row = only(report);
        assertEquals(Verdict.PASS, row.verdict());
        assertEquals(PAF, row.baselineKey().benchmark());
        assertEquals(moved, row.key().benchmark(), "the table names the current build's benchmark");
        String table = AbTable.render(report);
        assertTrue(table.lines().anyMatch(line -> line.startsWith(moved + " ")), table);
    }

    @Test
    void paramOnlyTheCurrentBuildHasMatchesOnTheOthers() throws Exception {
        double[] same = {6.6, 6.7, 6.5, 6.8, 6.6};
        AbReport report = compare(
                new SyntheticJmhRun().addForks(SMOOTHING, Map.of("smoother", "depthwise"), "avgt", "ms/op", forks(same))
                        .addForks(SMOOTHING, Map.of("smoother", "threshold"), "avgt", "ms/op", forks(same)),
                new SyntheticJmhRun()
                        .addForks(SMOOTHING, Map.of("smoother", "depthwise", "ipp", "false"), "avgt", "ms/op", forks(same))
                        .addForks(SMOOTHING, Map.of("smoother", "threshold", "ipp", "false"), "avgt", "ms/op",
                                forks(13.2, 13.4, 13.0, 13.6, 13.2)));
        assertEquals(2, report.comparisons().size());
        AbComparison threshold = report.with(Verdict.REGRESSION).get(0);
        assertEquals("threshold", threshold.baselineKey().params().get("smoother"));
        assertEquals("false", threshold.currentKey().params().get("ipp"));
        String table = AbTable.render(report);
        assertTrue(table.contains("ipp=false+,smoother=threshold"), table);
    }

    @Test
    void newParamAtSeveralValuesIsAnError() throws Exception {
        double[] same = {6.6, 6.7, 6.5, 6.8, 6.6};
        ResultsFileException e = assertThrows(ResultsFileException.class, () -> compare(
                new SyntheticJmhRun().addForks(SMOOTHING, Map.of("smoother", "depthwise"), "avgt", "ms/op", forks(same)),
                new SyntheticJmhRun()
                        .addForks(SMOOTHING, Map.of("smoother", "depthwise", "ipp", "false"), "avgt", "ms/op", forks(same))
                        .addForks(SMOOTHING, Map.of("smoother", "depthwise", "ipp", "true"), "avgt", "ms/op", forks(same))));
        assertTrue(e.getMessage().contains("-p NAME=VALUE"), e.getMessage());
    }

    @Test
    void tooFewForksToEverReachAlphaIsAnError() {
        ResultsFileException e = assertThrows(ResultsFileException.class,
                () -> compare(paf(6.6, 6.7, 6.5), paf(13.2, 13.4, 13.0)));
        assertTrue(e.getMessage().contains("3 baseline and 3 current forks can never reach alpha 0.005"), e.getMessage());
    }

    @Test
    void tableShowsForkMediansAndTheirSpread() throws Exception {
        String table = AbTable.render(compare(paf(6.6, 6.7, 6.5, 6.8, 6.6), paf(13.2, 13.5, 13.1, 13.4, 13.3)));
        String row = table.lines().filter(line -> line.startsWith(PAF)).findFirst().orElseThrow();
        assertTrue(row.matches(".*people=4 +avgt +6\\.6 us/op \\[6\\.8, 6\\.5\\] n=5 +13\\.3 us/op \\[13\\.5, 13\\.1\\] n=5"
                + " +2\\.015 +0\\.004 +REGRESSION"), row);
        assertTrue(table.endsWith("FAIL\n  1 regressed: " + PAF + " [avgt, people=4]\n"), table);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AbGate(0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new AbGate(10, 1));
    }
}
