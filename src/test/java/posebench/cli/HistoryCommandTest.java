package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.results.SyntheticJmhRun;
import posebench.history.TrendChart;
import posebench.machine.MachineInfo;

/** {@code posebench history record|show|changes} and {@code cost --db} on the embedded database. */
class HistoryCommandTest {

    @TempDir
    Path dir;

    @Test
    void recordShowAndChangesFindTheSlowedCommit() throws IOException {
        String db = dir.resolve("db/history").toString();
        for (int i = 0; i < 11; i++) {
            Path run = run(i, i < 6 ? 100 : 200);
            CliResult recorded = CliResult.run("history", "record", "--results", run.toString(), "--db", db);
            assertEquals(0, recorded.code(), recorded.err());
            assertTrue(recorded.out().startsWith("recorded run "), recorded.out());
        }
        CliResult again = CliResult.run("history", "record", "--results", dir.resolve("run3.json").toString(),
                "--db", db);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("already recorded, not stored again: run "), again.out());

        Path chart = dir.resolve("charts/trend.png");
        CliResult show = CliResult.run("history", "show", "--db", db, "--benchmark", "Paf", "--chart", chart.toString());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("machine " + machine(0).fingerprint() + ": AMD EPYC 9R14, 2 cores, 24 GiB"),
                show.out());
        assertTrue(show.out().contains("posebench.paf.PafBenchmark.assemble [avgt, people=4] (us/op)"), show.out());
        assertEquals(11, show.out().lines().filter(l -> l.contains(" main ")).count(), show.out());
        assertTrue(show.out().contains(TrendChart.shortCommit(commit(6)) + "  main    2026-11-01 06:00:00"),
                show.out());
        BufferedImage png = ImageIO.read(chart.toFile());
        assertNotNull(png);
        assertEquals(TrendChart.WIDTH, png.getWidth());

        // The ruler drifts by 0.1 % a run: a significant change, too small to list by default.
        CliResult changes = CliResult.run("history", "changes", "--db", db);
        assertEquals(0, changes.code(), changes.err());
        assertTrue(changes.out().startsWith("1 change point(s) in 2 trend(s) of 22 result(s)"
                + " (1 more below --min-change 5 %)"), changes.out());
        CliResult all = CliResult.run("history", "changes", "--db", db, "--min-change", "0");
        assertTrue(all.out().startsWith("2 change point(s) in 2 trend(s) of 22 result(s)\n"), all.out());
        String row = changes.out().lines().filter(l -> l.contains("PafBenchmark")).findFirst().orElseThrow();
        assertTrue(row.contains(TrendChart.shortCommit(commit(5)) + "  " + TrendChart.shortCommit(commit(6))), row);
        assertTrue(row.contains("2.01x slower"), row);

        CliResult none = CliResult.run("history", "changes", "--db", db, "--machine", "graviton");
        assertTrue(none.out().startsWith("0 change point(s) in 0 trend(s) of 0 result(s)"), none.out());
    }

    @Test
    void withoutAMachineFileThisMachineIsRecordedAndSaidSo() throws IOException {
        Path run = run(0, 100);
        Files.delete(MachineInfo.sidecarOf(run));
        CliResult recorded = CliResult.run("history", "record", "--results", run.toString(), "--db",
                dir.resolve("history").toString(), "--instance", "m7i.metal");
        assertEquals(0, recorded.code(), recorded.err());
        assertTrue(recorded.out().contains("no machine file " + MachineInfo.sidecarOf(run) + "; recording this machine ("
                + MachineInfo.current().fingerprint()), recorded.out());
        assertTrue(recorded.out().contains("m7i.metal is not in the catalogue; recorded without a price"),
                recorded.out());
        CliResult bad = CliResult.run("history", "record", "--results", dir.resolve("none.json").toString(), "--db",
                dir.resolve("history").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("none.json does not exist"), bad.err());
    }

    @Test
    void costOverEveryRecordedMachineAtItsRecordedPrice() throws IOException {
        String db = dir.resolve("history").toString();
        record(db, throughput("fast.json", 20.0, 4.0, machine(0)), "--instance", "c7a.large");
        record(db, throughput("slow.json", 5.0, 2.0, slowMachine()), "--price-per-hour", "0.5");
        // An older run on the first machine is not its latest: left out.
        record(db, throughput("old.json", 1.0, 1.0, machine(-1)), "--instance", "c7a.large");
        Path chart = dir.resolve("cost.png");
        CliResult cost = CliResult.run("cost", "--db", db, "--chart", chart.toString());
        assertEquals(0, cost.code(), cost.err());
        String fast = "c7a.large " + machine(0).fingerprint();
        assertTrue(cost.out().contains("| " + fast + " | workers=2 | 0.0500 | 20.00 | 50.0 s | 0.103 | 0.0014 |"),
                cost.out());
        assertTrue(cost.out().contains("| " + fast + " | workers=1 | 0.2500 | 4.00 |"), cost.out());
        assertTrue(cost.out().contains("| " + slowMachine().fingerprint() + " | workers=2 | 0.2000 | 5.00 | 200.0 s"
                + " | 0.500 | 0.0278 |"), cost.out());
        assertTrue(cost.out().contains("| inf1.xlarge | article | 0.0703 | 14.22 | 70.3 s | 0.368 | 0.0072 |"), cost.out());
        assertEquals(2 + 4 + 8, cost.out().lines().filter(l -> l.startsWith("|")).count(), cost.out());
        assertTrue(Files.isRegularFile(chart));

        CliResult priced = CliResult.run("cost", "--db", db, "--instance", "c7a.large");
        assertEquals(2, priced.code());
        assertTrue(priced.err().contains("--db prices each machine as recorded"), priced.err());
        CliResult unpriced = CliResult.run("cost", "--results", dir.resolve("fast.json").toString());
        assertEquals(2, unpriced.code());
        assertTrue(unpriced.err().contains("--instance NAME or --price-per-hour X"), unpriced.err());
    }

    private void record(String db, Path results, String... price) {
        List<String> args = new java.util.ArrayList<>(List.of("history", "record", "--results", results.toString(),
                "--db", db));
        args.addAll(List.of(price));
        CliResult recorded = CliResult.run(args.toArray(String[]::new));
        assertEquals(0, recorded.code(), recorded.err());
    }

    private Path throughput(String name, double fps2, double fps1, MachineInfo machine) throws IOException {
        Path file = new SyntheticJmhRun()
                .add("posebench.throughput.ThroughputBenchmark.pipeline", Map.of("workers", "2"), "thrpt", "ops/s",
                        fps2, fps2, fps2)
                .add("posebench.throughput.ThroughputBenchmark.pipeline", Map.of("workers", "1"), "thrpt", "ops/s",
                        fps1, fps1, fps1)
                .add("posebench.paf.PafBenchmark.assemble", "avgt", "us/op", 100, 100, 100)
                .write(dir.resolve(name));
        machine.writeBeside(file);
        return file;
    }

    /** Run {@code i}: PAF assembly at {@code us} us/op and the Java ruler, one hour after run i - 1. */
    private Path run(int i, double us) throws IOException {
        Path file = new SyntheticJmhRun()
                .add("posebench.paf.PafBenchmark.assemble", Map.of("people", "4"), "avgt", "us/op",
                        SyntheticJmhRun.around(us * (1 + 0.001 * i), 0.02))
                .add("posebench.ruler.RulerBenchmark.javaKernel", "avgt", "us/op",
                        SyntheticJmhRun.around(1100 * (1 + 0.001 * i), 0.02))
                .write(dir.resolve("run" + i + ".json"));
        machine(i).writeBeside(file);
        return file;
    }

    private static String commit(int i) {
        return String.format("%010x", 0xabc0000000L + i) + "0".repeat(30);
    }

    private static MachineInfo machine(int i) {
        return new MachineInfo("AMD EPYC 9R14", List.of("avx2", "avx512f"), 2, 24L << 30, "Linux 6.1 amd64",
                "OpenJDK 17", "2.18.0", "4.9.0", true, commit(i), "main",
                Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * i));
    }

    private static MachineInfo slowMachine() {
        return new MachineInfo("Intel Xeon E5-2680", List.of("avx2"), 4, 16L << 30, "Linux 6.1 amd64", "OpenJDK 17",
                "2.18.0", "4.9.0", false, commit(99), "main", Instant.parse("2026-11-02T00:00:00Z"));
    }
}
