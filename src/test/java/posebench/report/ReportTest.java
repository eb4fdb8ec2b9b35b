package posebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.cost.InstanceCatalogue;
import posebench.cost.MachinePrice;
import posebench.results.SyntheticJmhRun;

/**
 * The report's page as text, without a browser: what it reads from a JMH file, how it compares runs
 * and that input strings arrive escaped. The numbers are synthetic ({@link SyntheticJmhRun}); the
 * browser test renders a real run.
 */
class ReportTest {

    private static final String PAF = "posebench.paf.PafBenchmark.assemble";

    @TempDir
    Path dir;

    private String page(Path... results) {
        return page(ProfileFiles.NONE, null, results);
    }

    private String page(ProfileFiles profiles, Path compareFilters, Path... results) {
        Path out = dir.resolve("report.html");
        Report report = new Report(Arrays.stream(results).map(RunFile::read).toList(), profiles,
                compareFilters, MachinePrice.ofInstance(InstanceCatalogue.load(), "c7a.large"), out);
        report.write(report.sections());
        try {
            return Files.readString(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDoubledBenchmarkIsARegressionAfterTheRulers() throws IOException {
        Path baseline = new SyntheticJmhRun().withRulers(1)
                .add(PAF, Map.of("people", "4"), "avgt", "us/op", SyntheticJmhRun.around(100, 0.01))
                .write(dir.resolve("baseline.json"));
        // The machine is 1.5x slower (both rulers) and the benchmark 3x: 2x after the rulers.
        Path current = new SyntheticJmhRun().withRulers(1.5)
                .add(PAF, Map.of("people", "4"), "avgt", "us/op", SyntheticJmhRun.around(300, 0.01))
                .write(dir.resolve("current.json"));
        String html = page(baseline, current);
        int row = html.indexOf(">PafBenchmark.assemble</td><td>people=4</td>");
        assertTrue(row > 0, "the comparison row");
        String cells = html.substring(row, html.indexOf("</tr>", row));
        assertTrue(cells.matches(".*<td>both</td><td class=\"number\" data-sort=\"[0-9.]+\">2\\.000</td>.*"
                + "<td class=\"verdict regression\">REGRESSION</td>"), "a normalised ratio of 2, regressed: " + cells);
        assertFalse(html.contains("are not in both runs"), "both runs have the rulers");
    }

    @Test
    void stringsFromTheFileAreEscaped() throws IOException {
        Path file = new SyntheticJmhRun()
                .add(PAF, Map.of("people", "<img src=x onerror=alert(1)>"), "avgt", "us/op", 1, 2, 3)
                .write(dir.resolve("run.json"));
        String html = page(file);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(html.contains("<img src=x"));
        assertTrue(html.contains("The machine was not recorded for " + file));
    }

    @Test
    void aBadResultIsLeftOutAndNamed() throws IOException {
        Path file = new SyntheticJmhRun().add(PAF, "avgt", "us/op", 1, 2, 3).add(PAF + "2", "avgt", "furlongs", 1, 2)
                .write(dir.resolve("run.json"));
        RunFile run = RunFile.read(file);
        assertEquals(1, run.results().size());
        assertEquals(List.of("result #2 (" + PAF + "2): unknown score unit 'furlongs'; expected <time>/op or"
                + " ops/<time>, as JMH's primary metric has; left out"), run.problems());
        assertTrue(RunFile.read(dir.resolve("absent.json")).problems().get(0).endsWith("does not exist or is not a"
                + " regular file"));
    }

    @Test
    void incompleteProfilesAndComparisonsBecomeNotes() throws IOException {
        Path run = new SyntheticJmhRun().add(PAF, "avgt", "us/op", 1, 2, 3).write(dir.resolve("run.json"));
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("trace-a.json"), "{\"model\": \"m\", \"scopes\": [{\"name\": \"_TFProfRoot\"}]}");
        Path compare = dir.resolve("compare.json");
        Files.writeString(compare, "{\"reference_filter\": 25, \"images\": [{\"name\": \"ski.jpg\","
                + " \"filters\": [{\"filter\": 25}, {\"filter\": 5}]}]}");
        String html = page(ProfileFiles.scan(profiles), compare, run);
        assertTrue(html.contains("trace-a.json has a scope row without its name, self or total cost; left out"));
        assertTrue(html.contains("ski.jpg needs the reference filter 25 and one other filter, each with its keypoint"
                + " counts (diff)"));
    }
}
