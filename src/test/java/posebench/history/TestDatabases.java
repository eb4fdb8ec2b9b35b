package posebench.history;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The databases the history tests run against: a fresh embedded H2 file, or a fresh schema in
 * the test PostgreSQL server whose URL {@code .ci/postgres start} leaves in {@code target/postgres.url}
 * (or that {@code -Dposebench.test.pg.url} / {@code $POSEBENCH_TEST_PG_URL} gives).
 */
final class TestDatabases {

    static final String PG_PROPERTY = "posebench.test.pg.url";
    static final String PG_VARIABLE = "POSEBENCH_TEST_PG_URL";
    static final Path PG_URL_FILE = Path.of("target/postgres.url");

    private TestDatabases() {
    }

    static String embedded(Path dir) {
        return HistoryDatabase.h2File(dir.resolve("history"));
    }

    /**
     * The test server's URL. Without one the PostgreSQL tests skip locally and fail under
     * {@code CI=true}, where .ci/run starts the server and a missing one is a broken build.
     */
    static String postgresServer() {
        String url = System.getProperty(PG_PROPERTY, System.getenv(PG_VARIABLE));
        if ((url == null || url.isBlank()) && Files.isRegularFile(PG_URL_FILE)) {
            try {
                url = Files.readString(PG_URL_FILE).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (url == null || url.isBlank()) {
            String why = "no PostgreSQL for the history tests: start one with `.ci/postgres start` (writes "
                    + PG_URL_FILE + ") or set " + PG_VARIABLE;
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; under CI=true this is an error");
            }
            abort(why + "; skipping the PostgreSQL tests");
        }
        return url;
    }

    /** A new, empty schema in the test server, so tests never see each other's runs. */
    static String freshPostgresSchema() {
        String server = postgresServer();
        String schema = "history_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            fail("cannot create a schema in the test PostgreSQL at " + server + ": " + e.getMessage(), e);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops a schema made by {@link #freshPostgresSchema()}. */
    static void dropPostgresSchema(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(postgresServer()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
