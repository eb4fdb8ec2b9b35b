package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.cost.CostChart;

class CostCommandTest {

    @TempDir
    Path dir;

    private Path results() throws IOException {
        return Files.writeString(dir.resolve("jmh-result.json"), """
                [{"benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
                  "params": {"batch": "1", "pipelined": "true", "workers": "2"},
                  "primaryMetric": {"score": 4.0, "scoreError": 0.2, "scoreConfidence": [3.8, 4.2], "scoreUnit": "ops/s"}},
                 {"benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
                  "params": {"batch": "1", "pipelined": "false", "workers": "1"},
                  "primaryMetric": {"score": 2.0, "scoreError": 0.1, "scoreConfidence": [1.9, 2.1], "scoreUnit": "ops/s"}}]
                """);
    }

    @Test
    void tableBesideTheArticlesRowsAndAPngChart() throws IOException {
        Path chart = dir.resolve("charts/cost.png");
        CliResult result = CliResult.run("cost", "--results", results().toString(), "--instance", "c7a.large",
                "--chart", chart.toString());
        assertEquals(0, result.code(), result.err());
        String out = result.out();
        // 4 FPS at $0.10264/h: 0.25 s/image, 250 s and $0.0071 per 1000 images.
        assertTrue(out.contains("| this machine at c7a.large's $0.10264/h | pipelined=true workers=2 | 0.2500 | 4.00 "
                + "| 250.0 s | 0.103 | 0.0071 |"), out);
        assertTrue(out.contains("| inf1.xlarge | article | 0.0703 | 14.22 | 70.3 s | 0.368 | 0.0072 |"), out);
        assertTrue(out.contains("| g4dn.8xlarge | article | 0.1427 | 7.01 | 142.7 s | 2.176 | 0.0863 |"), out);
        assertTrue(out.contains("| inf1.xlarge | article, data parallel | 0.0176 | 56.88 |"), out);
        assertEquals(2 + 2 + 8, out.lines().filter(l -> l.startsWith("|")).count());
        BufferedImage png = ImageIO.read(chart.toFile());
        assertNotNull(png, "not a PNG ImageIO can read");
        assertEquals(CostChart.WIDTH, png.getWidth());
        assertEquals(CostChart.HEIGHT, png.getHeight());
        try (var files = Files.list(chart.getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void pricePerHourAndClearErrors() throws IOException {
        Path results = results();
        CliResult given = CliResult.run("cost", "--results", results.toString(), "--price-per-hour", "0.36",
                "--chart", dir.resolve("c.png").toString());
        assertEquals(0, given.code(), given.err());
        assertTrue(given.out().contains("| this machine at $0.36/h | pipelined=false workers=1 | 0.5000 | 2.00 | 500.0 s"
                + " | 0.360 | 0.0500 |"), given.out());
        CliResult both = CliResult.run("cost", "--results", results.toString(), "--price-per-hour", "1",
                "--instance", "c7a.large");
        assertEquals(2, both.code());
        CliResult unknown = CliResult.run("cost", "--results", results.toString(), "--instance", "x1.huge");
        assertTrue(unknown.err().contains("unknown instance 'x1.huge'"), unknown.err());
        CliResult missing = CliResult.run("cost", "--results", dir.resolve("none.json").toString(), "--instance",
                "c7a.large");
        assertTrue(missing.err().contains("none.json does not exist"), missing.err());
    }

    @Test
    void rowsNameTheirRuntime() throws IOException {
        Path results = Files.writeString(dir.resolve("runtimes.json"), """
                [{"benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
                  "params": {"runtime": "tf", "workers": "2"},
                  "primaryMetric": {"score": 4.0, "scoreError": 0.2, "scoreConfidence": [3.8, 4.2], "scoreUnit": "ops/s"}},
                 {"benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
                  "params": {"runtime": "onnx", "workers": "2"},
                  "primaryMetric": {"score": 5.0, "scoreError": 0.2, "scoreConfidence": [4.8, 5.2], "scoreUnit": "ops/s"}},
                 {"benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
                  "params": {"runtime": "onnx", "workers": "1"},
                  "primaryMetric": {"score": 3.0, "scoreError": 0.2, "scoreConfidence": [2.8, 3.2], "scoreUnit": "ops/s"}}]
                """);
        CliResult result = CliResult.run("cost", "--results", results.toString(), "--price-per-hour", "0.36",
                "--chart", dir.resolve("c.png").toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("| this machine at $0.36/h | runtime=tf workers=2 | 0.2500 | 4.00 |"),
                result.out());
        assertTrue(result.out().contains("| this machine at $0.36/h | runtime=onnx workers=2 | 0.2000 | 5.00 |"),
                result.out());
        CliResult one = CliResult.run("cost", "--results", results.toString(), "--benchmark", "runtime=onnx",
                "--price-per-hour", "0.36", "--chart", dir.resolve("d.png").toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("| runtime=onnx workers=1 | 0.3333 | 3.00 |"), one.out());
    }
}
