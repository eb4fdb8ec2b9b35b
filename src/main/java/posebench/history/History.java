package posebench.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import posebench.results.BenchmarkKey;
import posebench.results.JmhResult;
import posebench.results.ScoreUnit;
import posebench.machine.MachineInfo;

/**
 * Reads the run history of a {@link HistoryDatabase}: trends per machine and benchmark, their
 * change points, and whole runs as they were recorded. The API the commands and reports use.
 */
public final class History {

    /** A recorded run read back whole: its context and results, raw iterations included. */
    public record StoredRun(RunContext context, List<JmhResult> results) {
    }

    /** A run's columns and its machine's, as {@link #machine(ResultSet)} reads them. */
    private static final String RUN_COLUMNS = "r.run_id, r.commit_id, r.branch, r.measured_at, r.instance,"
            + " r.usd_per_hour, r.source, m.fingerprint, m.cpu_model, m.isa_flags, m.cores, m.memory_bytes, m.os, m.jdk,"
            + " m.tensorflow, m.opencv, m.ipp";
    private static final String RUNS_WITH_MACHINES = " FROM runs r JOIN machines m ON m.fingerprint = r.machine";

    private final HistoryDatabase db;

    public History(HistoryDatabase db) {
        this.db = db;
    }

    /** The ids of all recorded runs, oldest measurement first. */
    public List<String> runIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement query = c.prepareStatement("SELECT run_id FROM runs ORDER BY measured_at, run_id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /**
     * Every recorded score of the benchmarks whose key ({@code name [mode, params]}) contains a
     * match of {@code benchmarkRegex} (null: all), on machines whose fingerprint is
     * {@code machine} or whose CPU model contains it, ignoring case (null: all); oldest first.
     */
    public List<TrendPoint> trend(String benchmarkRegex, String machine) throws SQLException {
        Pattern benchmarks = Pattern.compile(benchmarkRegex == null ? "" : benchmarkRegex);
        List<TrendPoint> points = new ArrayList<>();
        try (Connection c = db.connect()) {
            Map<String, SortedMap<String, String>> params = params(c, null);
            try (PreparedStatement query = c.prepareStatement("SELECT " + RUN_COLUMNS
                    + ", x.ordinal, x.benchmark, x.mode, x.unit, x.score, x.score_error" + RUNS_WITH_MACHINES
                    + " JOIN results x ON x.run_id = r.run_id ORDER BY r.measured_at, r.run_id, x.ordinal");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    MachineInfo m = machine(rows);
                    if (machine != null && !m.fingerprint().equals(machine)
                            && !m.cpuModel().toLowerCase(Locale.ROOT).contains(machine.toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    String runId = rows.getString("run_id");
                    BenchmarkKey key = new BenchmarkKey(rows.getString("benchmark"), rows.getString("mode"),
                            params.getOrDefault(runId + "/" + rows.getInt("ordinal"), new TreeMap<>()));
                    if (!benchmarks.matcher(key.toString()).find()) {
                        continue;
                    }
                    points.add(new TrendPoint(runId, m, rows.getString("instance"), nullableDouble(rows, "usd_per_hour"),
                            key, ScoreUnit.parse(rows.getString("unit")), rows.getDouble("score"),
                            orNaN(nullableDouble(rows, "score_error"))));
                }
            }
        }
        return points;
    }

    /**
     * {@code points} by trend, each trend in the points' order, keyed by its last point's series, so a
     * benchmark recorded under an older name too (before it moved package) shows its current name.
     */
    public static SortedMap<TrendPoint.Series, List<TrendPoint>> bySeries(List<TrendPoint> points) {
        SortedMap<TrendPoint.Series, List<TrendPoint>> series = new TreeMap<>();
        for (TrendPoint p : points) {
            List<TrendPoint> trend = series.remove(p.series());
            if (trend == null) {
                trend = new ArrayList<>();
            }
            trend.add(p);
            series.put(p.series(), trend);
        }
        return series;
    }

    /** The change points of each trend in {@code points}, by trend and then in time. */
    public static List<ChangePoint> changes(List<TrendPoint> points, EDivisive detector) {
        List<ChangePoint> changes = new ArrayList<>();
        bySeries(points).forEach((series, trend) -> {
            double[] scores = trend.stream().mapToDouble(TrendPoint::score).toArray();
            List<EDivisive.Split> splits = detector.changePoints(scores);
            for (int s = 0; s < splits.size(); s++) {
                int at = splits.get(s).index();
                int from = s == 0 ? 0 : splits.get(s - 1).index();
                int to = s + 1 < splits.size() ? splits.get(s + 1).index() : scores.length;
                changes.add(new ChangePoint(series, trend.get(at - 1), trend.get(at), mean(scores, from, at),
                        mean(scores, at, to), splits.get(s).pValue()));
            }
        });
        return changes;
    }

    /** The run {@code runId} as recorded, or empty when there is none. */
    public Optional<StoredRun> run(String runId) throws SQLException {
        try (Connection c = db.connect()) {
            RunContext context;
            try (PreparedStatement query = c.prepareStatement("SELECT " + RUN_COLUMNS + RUNS_WITH_MACHINES
                    + " WHERE r.run_id = ?")) {
                query.setString(1, runId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    MachineInfo machine = machine(rows);
                    context = new RunContext(runId, machine, machine.recordedAt(), rows.getString("instance"),
                            nullableDouble(rows, "usd_per_hour"), rows.getString("source"));
                }
            }
            Map<String, SortedMap<String, String>> params = params(c, runId);
            Map<Integer, List<List<Double>>> samples = samples(c, runId);
            List<JmhResult> results = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT ordinal, benchmark, mode, unit, score, score_error,"
                    + " confidence_low, confidence_high FROM results WHERE run_id = ? ORDER BY ordinal")) {
                query.setString(1, runId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        int ordinal = rows.getInt("ordinal");
                        results.add(new JmhResult(new BenchmarkKey(rows.getString("benchmark"), rows.getString("mode"),
                                params.getOrDefault(runId + "/" + ordinal, new TreeMap<>())), rows.getDouble("score"),
                                orNaN(nullableDouble(rows, "score_error")), orNaN(nullableDouble(rows, "confidence_low")),
                                orNaN(nullableDouble(rows, "confidence_high")), ScoreUnit.parse(rows.getString("unit")),
                                samples.getOrDefault(ordinal, List.of())));
                    }
                }
            }
            return Optional.of(new StoredRun(context, results));
        }
    }

    /** Params by {@code runId/ordinal}, of one run or (null) of all. */
    private static Map<String, SortedMap<String, String>> params(Connection c, String runId) throws SQLException {
        Map<String, SortedMap<String, String>> params = new HashMap<>();
        String sql = "SELECT run_id, ordinal, param_name, param_value FROM result_params"
                + (runId == null ? "" : " WHERE run_id = ?");
        try (PreparedStatement query = c.prepareStatement(sql)) {
            if (runId != null) {
                query.setString(1, runId);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    params.computeIfAbsent(rows.getString(1) + "/" + rows.getInt(2), k -> new TreeMap<>())
                            .put(rows.getString(3), rows.getString(4));
                }
            }
        }
        return params;
    }

    /** Each result's iterations per fork, by ordinal. */
    private static Map<Integer, List<List<Double>>> samples(Connection c, String runId) throws SQLException {
        Map<Integer, List<List<Double>>> samples = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT ordinal, fork, score FROM samples WHERE run_id = ?"
                + " ORDER BY ordinal, fork, iteration")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    List<List<Double>> forks = samples.computeIfAbsent(rows.getInt(1), k -> new ArrayList<>());
                    int fork = rows.getInt(2);
                    while (forks.size() <= fork) {
                        forks.add(new ArrayList<>());
                    }
                    forks.get(fork).add(rows.getDouble(3));
                }
            }
        }
        return samples;
    }

    private static MachineInfo machine(ResultSet rows) throws SQLException {
        String flags = rows.getString("isa_flags");
        return new MachineInfo(rows.getString("cpu_model"), flags.isEmpty() ? List.of() : Arrays.asList(flags.split(" ")),
                rows.getInt("cores"), rows.getLong("memory_bytes"), rows.getString("os"), rows.getString("jdk"),
                rows.getString("tensorflow"), rows.getString("opencv"), rows.getBoolean("ipp"),
                rows.getString("commit_id"), rows.getString("branch"),
                rows.getObject("measured_at", OffsetDateTime.class).toInstant());
    }

    private static Double nullableDouble(ResultSet rows, String column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
