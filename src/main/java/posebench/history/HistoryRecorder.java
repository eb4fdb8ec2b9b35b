package posebench.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.machine.MachineInfo;

/**
 * Stores JMH runs in a {@link HistoryDatabase}, each in one transaction: a run is there whole or
 * not at all, and a run already there is not stored again.
 */
public final class HistoryRecorder {

    /** What {@link #record} did. */
    public enum Outcome { RECORDED, ALREADY_RECORDED }

    /**
     * Test hook: milliseconds to wait inside the transaction after the results are inserted and
     * before the commit, so a test can kill a recorder mid-write.
     */
    static final String PAUSE_BEFORE_COMMIT = "posebench.history.pauseBeforeCommitMillis";

    /** SQL's state for a unique or primary-key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final int ATTEMPTS = 3;

    private final HistoryDatabase db;

    public HistoryRecorder(HistoryDatabase db) {
        this.db = db;
    }

    /**
     * Stores {@code file}'s results with {@code context}. Two recorders that race on the same run
     * or a new machine both insert; the one that commits second meets a unique violation, rolls
     * back and looks again, so it finds the run recorded or the machine there.
     */
    public Outcome record(JmhResultFile file, RunContext context) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = db.connect()) {
                connection.setAutoCommit(false);
                try {
                    Outcome outcome = write(connection, file, context);
                    connection.commit();
                    return outcome;
                } catch (SQLException e) {
                    connection.rollback();
                    if (!isUniqueViolation(e) || attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
    }

    private static Outcome write(Connection connection, JmhResultFile file, RunContext context) throws SQLException {
        String runId = context.runId();
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
            exists.setString(1, runId);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return Outcome.ALREADY_RECORDED;
                }
            }
        }
        insertMachineIfAbsent(connection, context.machine());
        try (PreparedStatement run = connection.prepareStatement("INSERT INTO runs (run_id, machine, commit_id, branch,"
                + " measured_at, recorded_at, instance, usd_per_hour, source, result_count)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            run.setString(1, runId);
            run.setString(2, context.machine().fingerprint());
            run.setString(3, context.machine().commit());
            run.setString(4, context.machine().branch());
            run.setObject(5, utc(context.measuredAt()));
            run.setObject(6, utc(Instant.now()));
            run.setString(7, context.instance());
            setDouble(run, 8, context.usdPerHour());
            run.setString(9, context.source());
            run.setInt(10, file.results().size());
            run.executeUpdate();
        }
        insertResults(connection, runId, List.copyOf(file.results().values()));
        pauseForTests();
        return Outcome.RECORDED;
    }

    private static void insertMachineIfAbsent(Connection connection, MachineInfo machine) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM machines WHERE fingerprint = ?")) {
            exists.setString(1, machine.fingerprint());
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO machines (fingerprint, cpu_model,"
                + " isa_flags, cores, memory_bytes, os, jdk, tensorflow, opencv, ipp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, machine.fingerprint());
            insert.setString(2, machine.cpuModel());
            insert.setString(3, String.join(" ", machine.isaFlags()));
            insert.setInt(4, machine.cores());
            insert.setLong(5, machine.memoryBytes());
            insert.setString(6, machine.os());
            insert.setString(7, machine.jdk());
            insert.setString(8, machine.tensorflow());
            insert.setString(9, machine.opencv());
            insert.setBoolean(10, machine.ipp());
            insert.executeUpdate();
        }
    }

    private static void insertResults(Connection connection, String runId, List<JmhResult> results) throws SQLException {
        try (PreparedStatement result = connection.prepareStatement("INSERT INTO results (run_id, ordinal, benchmark,"
                + " mode, unit, score, score_error, confidence_low, confidence_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement param = connection.prepareStatement(
                        "INSERT INTO result_params (run_id, ordinal, param_name, param_value) VALUES (?, ?, ?, ?)");
                PreparedStatement sample = connection.prepareStatement(
                        "INSERT INTO samples (run_id, ordinal, fork, iteration, score) VALUES (?, ?, ?, ?, ?)")) {
            for (int ordinal = 0; ordinal < results.size(); ordinal++) {
                JmhResult r = results.get(ordinal);
                result.setString(1, runId);
                result.setInt(2, ordinal);
                result.setString(3, r.key().benchmark());
                result.setString(4, r.key().mode());
                result.setString(5, r.unit().text());
                result.setDouble(6, r.score());
                setDouble(result, 7, r.scoreError());
                setDouble(result, 8, r.confidenceLow());
                setDouble(result, 9, r.confidenceHigh());
                result.addBatch();
                for (Map.Entry<String, String> p : r.key().params().entrySet()) {
                    param.setString(1, runId);
                    param.setInt(2, ordinal);
                    param.setString(3, p.getKey());
                    param.setString(4, p.getValue());
                    param.addBatch();
                }
                for (int fork = 0; fork < r.rawData().size(); fork++) {
                    List<Double> iterations = r.rawData().get(fork);
                    for (int i = 0; i < iterations.size(); i++) {
                        sample.setString(1, runId);
                        sample.setInt(2, ordinal);
                        sample.setInt(3, fork);
                        sample.setInt(4, i);
                        sample.setDouble(5, iterations.get(i));
                        sample.addBatch();
                    }
                }
            }
            // Parents first: the params and samples refer to their result rows.
            result.executeBatch();
            param.executeBatch();
            sample.executeBatch();
        }
    }

    /** A finite value, or SQL NULL for JMH's NaN (no interval) and for an unknown value. */
    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null || !Double.isFinite(value)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pauseForTests() {
        long millis = Long.getLong(PAUSE_BEFORE_COMMIT, 0);
        if (millis > 0) {
            System.err.println("history: pausing " + millis + " ms before the commit (" + PAUSE_BEFORE_COMMIT + ")");
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
