package posebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import posebench.SharedData;
import posebench.cli.PoseBenchCli;
import posebench.io.Json;
import posebench.machine.MachineInfo;

/**
 * {@code posebench report} of a small real JMH run, loaded in headless Chromium: no script errors,
 * drawn charts, one table row per benchmark, a picture that is not blank, notes for what is missing
 * or broken, and strings from the results shown as text, never run.
 */
class ReportBrowserTest {

    /** Where the screenshot of the full report goes; docs/report.png is a copy of one. */
    private static final Path SCREENSHOT = Path.of("target/report-screenshot.png");
    private static final String ALERT = "<img src=x onerror=alert(1)>";
    private static final String FLAG = "<img src=x onerror=\"window.__injected=1\">";
    private static final String SCRIPT = "<script>window.__injected=2</script>";

    /** Counts the shapes drawn inside each chart's data area, leaving out its background and the clip paths. */
    private static final String COUNT_MARKS = """
            return Array.from(document.querySelectorAll('figure.chart:not(.missing)')).map(function (figure) {
              var area = figure.getAttribute('data-plot-area').split(' ').map(Number);
              var marks = 0;
              figure.querySelectorAll('svg path, svg rect, svg circle, svg ellipse, svg polygon').forEach(function (el) {
                if (el.closest('defs') || el.closest('clipPath')) { return; }
                var b = el.getBBox();
                var inside = b.x >= area[0] - 1 && b.y >= area[1] - 1
                    && b.x + b.width <= area[0] + area[2] + 1 && b.y + b.height <= area[1] + area[3] + 1;
                var background = b.width >= area[2] - 2 && b.height >= area[3] - 2;
                if (inside && !background && (b.width > 0 || b.height > 0)) { marks++; }
              });
              return figure.id + '=' + marks;
            });""";

    @TempDir
    static Path dir;

    private static Path results;
    private static Path profiles;
    private static HeadlessChromium browser;

    @BeforeAll
    static void runBenchmarksAndStartBrowser() throws Exception {
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        results = dir.resolve("run.json");
        profiles = dir.resolve("profiles");
        TinyJmhRun.full(results, profiles);
        MachineInfo.current().writeBeside(results);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void fullReportShowsEveryBenchmarkAndDrawsEveryChart() throws IOException {
        Path page = report("full.html", "--results", results.toString(), "--profiles", profiles.toString());
        assertTrue(Files.size(page) < 5_000_000, "a few MB at most: " + Files.size(page));
        browser.open(page);
        assertEquals(List.of(), browser.errors(), "script errors");
        List<String> charts = marks();
        assertEquals(4, charts.size(), "every chart drawn, none missing: " + charts);
        charts.forEach(chart -> assertTrue(Integer.parseInt(chart.split("=")[1]) >= 2, "marks in " + chart));
        assertEquals(results(results).size(), elements("#results-0 tbody tr").size(), "one row per benchmark");
        assertEquals(1, elements("#machine table.machine").size(), "the recorded machine");
        assertEquals(List.of(), browser.driver().executeScript("return performance.getEntriesByType('resource')"
                + ".map(function (e) { return e.name; }).filter(function (n) { return !n.startsWith('data:'); });"),
                "nothing loaded from outside the page");

        byte[] png = browser.driver().getScreenshotAs(OutputType.BYTES);
        assertTrue(distinctColours(png) > 200, "the screenshot shows a page, not a blank");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);

        List<WebElement> traces = elements("#scopes .trace");
        assertEquals(2, traces.size(), "one scope table per trace file");
        assertTrue(elements("details.scope[data-depth='1']").stream().noneMatch(d -> d.getAttribute("open") != null));
        click(elements("button.open-depth[data-depth='2']").get(0));
        assertTrue(elements("details.scope[data-depth='1']").stream().allMatch(d -> d.getAttribute("open") != null),
                "depth 1 opens");
        assertEquals(2, elements("#flame-graphs .flame a").size(), "every flame graph linked");
        assertEquals(2, elements("#flame-graphs iframe[sandbox='allow-scripts']").size(), "small ones embedded");

        WebElement score = elements("#results-0 thead th").stream().filter(th -> th.getText().equals("Score"))
                .findFirst().orElseThrow();
        click(score);
        List<Double> sorted = elements("#results-0 tbody tr").stream().map(row -> Double.parseDouble(
                row.findElements(By.tagName("td")).get(columnOf("Score")).getAttribute("data-sort"))).toList();
        assertEquals(sorted.stream().sorted().toList(), sorted, "sorted by score");

        assertEquals(List.of(), browser.errors(), "script errors after clicking");
    }

    @Test
    void missingAndMalformedSectionsRenderWithNotes() throws IOException {
        ArrayNode broken = results(results);
        ((ObjectNode) broken.get(0)).remove("primaryMetric");
        broken.forEach(r -> ((ObjectNode) r).remove("secondaryMetrics"));
        Path brokenFile = dir.resolve("broken.json");
        Files.writeString(brokenFile, Json.MAPPER.writeValueAsString(broken));
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{ this is not JSON");
        Path badProfiles = Files.createDirectories(dir.resolve("bad-profiles"));
        Files.writeString(badProfiles.resolve("trace-cut.json"), "{\"model\": \"m\", \"scopes\": [");
        Path page = report("broken.html", "--results", brokenFile.toString(), "--results", garbage.toString(),
                "--profiles", badProfiles.toString(), "--compare-filters", dir.resolve("absent.json").toString());
        browser.open(page);
        assertEquals(List.of(), browser.errors(), "script errors");
        String text = browser.driver().findElement(By.tagName("body")).getText();
        assertTrue(text.contains("The machine was not recorded for " + brokenFile), "machine not recorded");
        assertTrue(text.contains("result #1") && text.contains("'primaryMetric' is missing"), "the bad result");
        assertTrue(text.contains(garbage + " is not valid JSON"), "the bad file");
        assertTrue(text.contains("trace-cut.json: not a readable TraceFile JSON file"), "the bad trace file");
        assertTrue(text.contains("Pipeline time per stage: no trace.* secondary results"), "the stage chart's note");
        assertTrue(text.contains("absent.json"), "the missing compare-filters file");
        assertEquals(results(results).size() - 1, elements("#results-0 tbody tr").size(), "the readable rows");
        List<String> charts = marks();
        assertEquals(List.of("chart-smoothing", "chart-throughput", "chart-cost"),
                charts.stream().map(c -> c.split("=")[0]).toList(), "the charts with data still draw");
        charts.forEach(chart -> assertTrue(Integer.parseInt(chart.split("=")[1]) >= 2, "marks in " + chart));
        assertEquals(1, elements("figure.chart.missing").size());
        assertFalse(elements("#comparison table.comparison tbody tr").isEmpty(), "the comparison still renders");
    }

    @Test
    void stringsFromTheResultsAreShownAsTextAndNeverRun() throws IOException {
        ArrayNode hostile = results(results);
        ((ObjectNode) hostile.get(0).get("params")).put("model", ALERT);
        ((ObjectNode) hostile.get(1).get("params")).put("model", FLAG);
        ((ObjectNode) hostile.get(2)).put("benchmark", "posebench.smoothing.SmoothingBenchmark." + SCRIPT);
        Path file = dir.resolve("hostile.json");
        Files.writeString(file, Json.MAPPER.writeValueAsString(hostile));
        ObjectNode machine = (ObjectNode) Json.MAPPER.readTree(MachineInfo.sidecarOf(results).toFile());
        machine.put("cpu_model", FLAG);
        Files.writeString(MachineInfo.sidecarOf(file), Json.MAPPER.writeValueAsString(machine));
        Path page = report("hostile.html", "--results", file.toString());
        browser.open(page);
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert(), "no alert opened");
        assertNull(browser.driver().executeScript("return window.__injected;"), "no injected script ran");
        assertEquals(0L, browser.driver().executeScript("return document.querySelectorAll('img[src=x]').length;"));
        String text = browser.driver().findElement(By.tagName("body")).getText();
        assertTrue(text.contains(ALERT), "the param shows as text");
        assertTrue(text.contains(FLAG), "the machine field shows as text");
        assertTrue(text.contains(SCRIPT), "the benchmark name shows as text");
        assertEquals(List.of(), browser.errors(), "script errors");
    }

    @Test
    void severalRunsAreComparedAsTheGateComparesThem() throws Exception {
        Path second = dir.resolve("second.json");
        TinyJmhRun.smoothingOnly(second);
        Path page = report("compare.html", "--results", results.toString(), "--results", second.toString());
        browser.open(page);
        assertEquals(List.of(), browser.errors(), "script errors");
        List<WebElement> rows = elements("#comparison table.comparison tbody tr");
        assertEquals(results(results).size(), rows.size(), "one row per benchmark of either run");
        long smoothing = rows.stream().filter(r -> r.getText().startsWith("SmoothingBenchmark.detect"))
                .filter(r -> r.findElements(By.tagName("td")).get(7).getText().matches("\\[[0-9.]+, ([0-9.]+|inf)]"))
                .count();
        assertEquals(9, smoothing, "a ratio interval for each smoothing result");
        assertTrue(rows.stream().filter(r -> r.getText().startsWith("ThroughputBenchmark"))
                .allMatch(r -> r.getText().contains("FAIL: missing from current")), "missing from the second run");
        String legend = browser.driver().findElement(By.id("chart-smoothing")).getText();
        assertTrue(legend.contains("run: smoother=depthwise") && legend.contains("second: smoother=depthwise"),
                "the smoothing chart draws both runs: " + legend);
    }

    @Test
    void compareFiltersSkeletonsMarkEveryChangedKeypoint() throws IOException {
        Path model = SharedData.mobilenetV2Small();
        Path image = SharedData.image("ski.jpg");
        Path json = dir.resolve("compare-filters.json");
        assertEquals(0, PoseBenchCli.run("compare-filters", "--model", model.toString(), "--images", image.toString(),
                "--filters", "5,25", "--runs", "1", "--json", json.toString()));
        JsonNode filter5 = Json.MAPPER.readTree(json.toFile()).get("images").get(0).get("filters").get(0);
        assertEquals(5, filter5.get("filter").asInt());
        JsonNode diff = filter5.get("diff");
        Path page = report("skeletons.html", "--results", results.toString(), "--compare-filters", json.toString());
        browser.open(page);
        assertEquals(List.of(), browser.errors(), "script errors");
        String reference = "figure.skeletons[data-filter='25'] ";
        String other = "figure.skeletons[data-filter='5'] ";
        assertEquals(diff.get("lost").asInt(), elements(reference + ".mark.lost").size(), "lost, on the reference");
        assertEquals(diff.get("moved").asInt(), elements(reference + ".mark.moved").size(), "moved from");
        assertEquals(diff.get("moved").asInt(), elements(other + ".mark.moved").size(), "moved to");
        assertEquals(diff.get("added").asInt(), elements(other + ".mark.added").size(), "added, on filter 5");
        assertTrue(diff.get("moved").asInt() + diff.get("added").asInt() + diff.get("lost").asInt() > 0,
                "ski.jpg changes at filter 5");
        for (WebElement img : elements("figure.skeletons img")) {
            assertTrue((Boolean) browser.driver().executeScript("return arguments[0].complete"
                    + " && arguments[0].naturalWidth > 0;", img), "the drawing decodes");
        }
    }

    private static Path report(String name, String... args) {
        Path out = dir.resolve(name);
        String[] command = new String[args.length + 3];
        command[0] = "report";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "--out";
        command[args.length + 2] = out.toString();
        assertEquals(0, PoseBenchCli.run(command), "posebench report " + String.join(" ", args));
        return out;
    }

    /** Clicks an element in the middle of the window, clear of the sticky navigation bar. */
    private static void click(WebElement element) {
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static ArrayNode results(Path file) throws IOException {
        return (ArrayNode) Json.MAPPER.readTree(file.toFile());
    }

    private static List<WebElement> elements(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }

    @SuppressWarnings("unchecked")
    private static List<String> marks() {
        return (List<String>) browser.driver().executeScript(COUNT_MARKS);
    }

    private static int columnOf(String heading) {
        List<String> headings = elements("#results-0 thead th").stream().map(WebElement::getText)
                .map(t -> t.replaceAll("[\\u25B2\\u25BC ]+$", "")).toList();
        return headings.indexOf(heading);
    }

    private static int distinctColours(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
