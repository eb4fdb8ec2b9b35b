package posebench.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.results.SyntheticJmhRun;
import posebench.machine.MachineInfo;

/**
 * What every history database must do, run against the embedded H2 file
 * ({@link EmbeddedHistoryTest}) and a real PostgreSQL server ({@link PostgresHistoryTest}):
 * round trips, no duplicates, hostile text, concurrent and killed recorders in other processes.
 */
abstract class HistoryDatabaseContract {

    private static final String HOSTILE = "x'); DROP TABLE runs; --";
    private static final List<String> TABLES = List.of("machines", "runs", "results", "result_params", "samples");

    @TempDir
    Path dir;

    String url;
    HistoryDatabase db;

    /** A fresh, empty database of the kind under test. */
    abstract String freshDatabase();

    /** Removes what {@link #freshDatabase()} made outside {@link #dir}. */
    void dropDatabase(String url) {
    }

    @BeforeEach
    void openFresh() {
        url = freshDatabase();
        db = HistoryDatabase.open(url);
    }

    @AfterEach
    void drop() {
        if (url != null) {
            dropDatabase(url);
        }
    }

    @Test
    void aRunReadsBackWholeWithItsContext() throws Exception {
        Path results = Files.writeString(dir.resolve("run.json"), """
                [{"benchmark": "posebench.paf.PafBenchmark.assemble", "mode": "avgt", "params": {"people": "4"},
                  "primaryMetric": {"score": 105.0, "scoreError": 3.5, "scoreConfidence": [101.5, 108.5],
                    "scoreUnit": "us/op", "rawData": [[100.0, 104.0, 108.0], [103.0, 106.0, 109.0]]}},
                 {"benchmark": "posebench.ruler.RulerBenchmark.tfOp", "mode": "ss",
                  "primaryMetric": {"score": 7.0, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                    "scoreUnit": "ms/op", "rawData": [[7.0]]}}]
                """);
        MachineInfo machine = machine("0123456789abcdef0123456789abcdef01234567", Instant.parse("2026-11-30T10:00:00Z"));
        RunContext context = RunContext.of(results, machine, true, "c7a.large", 0.10264);
        JmhResultFile file = JmhResultFile.read("results", results);
        assertEquals(HistoryRecorder.Outcome.RECORDED, new HistoryRecorder(db).record(file, context));

        History.StoredRun stored = new History(db).run(context.runId()).orElseThrow();
        assertEquals(context, stored.context());
        assertEquals(List.copyOf(file.results().values()), stored.results(), "params, scores, NaN errors, rawData");
        assertEquals(RunContext.runId(Files.readAllBytes(results)), context.runId());
        assertEquals(64, context.runId().length());
    }

    @Test
    void theSameRunTwiceIsStoredOnce() throws Exception {
        Path results = run(dir.resolve("run.json"), 1.0, 0);
        HistoryRecorder recorder = new HistoryRecorder(db);
        JmhResultFile file = JmhResultFile.read("results", results);
        RunContext context = RunContext.of(results, MachineInfo.besideOrNull(results), true, null, null);
        assertEquals(HistoryRecorder.Outcome.RECORDED, recorder.record(file, context));
        assertEquals(HistoryRecorder.Outcome.ALREADY_RECORDED, recorder.record(file, context));
        // A copy under another name is the same run: the id is the content's.
        Path copy = Files.copy(results, dir.resolve("copy.json"));
        assertEquals(HistoryRecorder.Outcome.ALREADY_RECORDED,
                recorder.record(file, RunContext.of(copy, context.machine(), true, "other", 1.0)));
        assertEquals(List.of(context.runId()), new History(db).runIds());
        assertEquals(2, rowCount("results"));
    }

    @Test
    void hostileNamesAndParamsAreStoredAsText() throws Exception {
        Path results = new SyntheticJmhRun()
                .add(HOSTILE, new TreeMap<>(Map.of("model", HOSTILE, "it's", "\"quoted\" \\ back; slash")), "avgt",
                        "ms/op", 1, 2, 3)
                .write(dir.resolve("hostile.json"));
        machine("c0ffee", Instant.parse("2026-11-30T10:00:00Z")).writeBeside(results);
        RunContext context = RunContext.of(results, MachineInfo.besideOrNull(results), true, HOSTILE, null);
        new HistoryRecorder(db).record(JmhResultFile.read("results", results), context);

        History history = new History(db);
        JmhResult back = history.run(context.runId()).orElseThrow().results().get(0);
        assertEquals(HOSTILE, back.key().benchmark());
        assertEquals(Map.of("model", HOSTILE, "it's", "\"quoted\" \\ back; slash"), back.key().params());
        assertEquals(HOSTILE, history.run(context.runId()).orElseThrow().context().instance());
        for (String table : TABLES) {
            assertTrue(rowCount(table) > 0, table + " is still there and holds the run");
        }
        assertEquals(1, history.trend(Pattern.quote(HOSTILE), null).size());
    }

    @Test
    void twoProcessesRecordingDifferentRunsAtOnceLoseNothing() throws Exception {
        Path a = run(dir.resolve("a.json"), 1.0, 0);
        Path b = run(dir.resolve("b.json"), 2.0, 1);
        // Both pause inside their transactions, so they overlap for sure, on the same new machine.
        Process first = recorder(a, 1500);
        Process second = recorder(b, 1500);
        assertEquals(0, finish(first));
        assertEquals(0, finish(second));
        assertEquals(List.of(runId(a), runId(b)).stream().sorted().toList(),
                new History(db).runIds().stream().sorted().toList());
        assertEquals(4, rowCount("results"));
        assertEquals(1, rowCount("machines"));
    }

    @Test
    void twoProcessesRecordingTheSameRunAtOnceStoreOneCopy() throws Exception {
        Path a = run(dir.resolve("a.json"), 1.0, 0);
        Process first = recorder(a, 1500);
        Process second = recorder(a, 1500);
        List<String> outputs = List.of(output(first), output(second));
        assertEquals(List.of(runId(a)), new History(db).runIds());
        assertEquals(2, rowCount("results"));
        assertEquals(1, outputs.stream().filter(o -> o.contains("already recorded")).count(), outputs.toString());
        assertEquals(1, outputs.stream().filter(o -> o.startsWith("recorded run")).count(), outputs.toString());
    }

    @Test
    void aRecorderKilledMidWriteLeavesNoHalfRun() throws Exception {
        Path a = run(dir.resolve("a.json"), 1.0, 0);
        Process recorder = recorder(a, 120_000);
        // It says so once its rows are inserted and the transaction is still open.
        String line = new String(recorder.getErrorStream().readNBytes("history: pausing".length()),
                StandardCharsets.UTF_8);
        assertEquals("history: pausing", line);
        recorder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        HistoryDatabase reopened = HistoryDatabase.open(url);
        assertEquals(List.of(), new History(reopened).runIds());
        for (String table : TABLES) {
            assertEquals(0, rowCount(table), table + " holds nothing of the killed run");
        }
        assertEquals(HistoryRecorder.Outcome.RECORDED, new HistoryRecorder(reopened).record(
                JmhResultFile.read("results", a), RunContext.of(a, MachineInfo.besideOrNull(a), true, null, null)));
    }

    @Test
    void trendsAndTheirChangePointsPerMachine() throws Exception {
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            // The first five runs come from builds before the benchmarks moved into posebench.bench.
            String benchmarks = i < 5 ? "posebench." : "posebench.bench.";
            runs.add(run(dir.resolve("run" + i + ".json"), benchmarks, i < 8 ? 1.0 : 2.0, i));
        }
        HistoryRecorder recorder = new HistoryRecorder(db);
        for (Path r : runs) {
            recorder.record(JmhResultFile.read("results", r), RunContext.of(r, MachineInfo.besideOrNull(r), true, null,
                    null));
        }
        History history = new History(db);
        List<TrendPoint> paf = history.trend("PafBenchmark", null);
        assertEquals(14, paf.size());
        assertEquals(1, History.bySeries(paf).size(), "one trend across the benchmark's move");
        assertEquals(28, history.trend(null, "epyc").size(), "a CPU model matches, ignoring case");
        assertEquals(0, history.trend(null, "no such machine").size());
        List<ChangePoint> changes = History.changes(history.trend(null, null), EDivisive.DEFAULT);
        assertEquals(1, changes.size(), changes.toString());
        ChangePoint change = changes.get(0);
        assertEquals("posebench.bench.paf.PafBenchmark.assemble", change.series().key().benchmark(),
                "a trend shows its benchmark's newest name");
        assertEquals(commit(8), change.after().commit());
        assertEquals(commit(7), change.before().commit());
        assertEquals(2.0, change.ratio(), 0.05);
        assertTrue(change.slower());
        assertTrue(change.pValue() <= 0.01, "p = " + change.pValue());
    }

    /** A run of PAF assembly (slowed by {@code slowdown}) and the Java ruler, its machine file beside it. */
    static Path run(Path file, double slowdown, int index) throws IOException {
        return run(file, "posebench.bench.", slowdown, index);
    }

    /** {@link #run(Path, double, int)} with the benchmarks in the packages under {@code benchmarks}. */
    static Path run(Path file, String benchmarks, double slowdown, int index) throws IOException {
        // The index shifts the noise so that every file differs, as real runs do.
        double wobble = 1 + 0.01 * ((index * 7) % 5 - 2) + 1e-6 * index;
        new SyntheticJmhRun()
                .add(benchmarks + "paf.PafBenchmark.assemble", Map.of("people", "4"), "avgt", "us/op",
                        SyntheticJmhRun.around(100 * slowdown * wobble, 0.02))
                .add(benchmarks + "ruler.RulerBenchmark.javaKernel", "avgt", "us/op",
                        SyntheticJmhRun.around(1100 * wobble, 0.02))
                .write(file);
        machine(commit(index), Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * index)).writeBeside(file);
        return file;
    }

    static String commit(int index) {
        return String.format("%040x", 0xc0ffee00L + index);
    }

    static MachineInfo machine(String commit, Instant at) {
        return new MachineInfo("AMD EPYC 9R14", List.of("avx2", "avx512f"), 2, 24L << 30, "Linux 6.1 amd64",
                "OpenJDK 64-Bit Server VM 17.0.15", "2.18.0", "4.9.0", true, commit, "main", at);
    }

    private static String runId(Path results) throws IOException {
        return RunContext.runId(Files.readAllBytes(results));
    }

    /** {@code posebench history record} in a JVM of its own, pausing {@code pauseMillis} before its commit. */
    private Process recorder(Path results, long pauseMillis) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + HistoryRecorder.PAUSE_BEFORE_COMMIT + "=" + pauseMillis, "posebench.cli.PoseBenchCli",
                "history", "record", "--results", results.toString(), "--db", url).start();
    }

    private static int finish(Process process) throws Exception {
        String out = output(process);
        assertTrue(out.startsWith("recorded run"), out);
        return process.exitValue();
    }

    /** The standard output of a finished recorder; a failed one fails the test with its error output. */
    private static String output(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "recorder did not finish");
        assertEquals(0, process.exitValue(), err);
        return out;
    }

    private long rowCount(String table) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
