package posebench.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Where run history lives: a JDBC URL, an embedded H2 file by default or a team's PostgreSQL,
 * whose schema Flyway brings up to date on first use.
 */
public final class HistoryDatabase {

    /** Overrides the default database for every command, e.g. for CI's database under target/. */
    public static final String URL_VARIABLE = "POSEBENCH_HISTORY_DB";

    private static final String MIGRATIONS = "classpath:posebench/history/db";

    /**
     * Flyway reports every step at INFO through java.util.logging; the commands say what matters.
     * Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level.
     */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    /** Tries at opening a file another process holds, {@link #OPEN_PAUSE_MILLIS} apart: a minute in all. */
    private static final int OPEN_ATTEMPTS = 240;
    private static final long OPEN_PAUSE_MILLIS = 250;

    private final String url;

    private HistoryDatabase(String url) {
        this.url = url;
    }

    /**
     * The database at {@code url}, migrated; null means {@link #defaultUrl()}. A JDBC URL is
     * used as given; anything else is taken as the path of an H2 file.
     */
    public static HistoryDatabase open(String url) {
        HistoryDatabase db = new HistoryDatabase(url == null ? defaultUrl()
                : url.startsWith("jdbc:") ? url : h2File(Path.of(url)));
        db.migrate();
        return db;
    }

    /**
     * {@code $POSEBENCH_HISTORY_DB}, else an H2 file in {@code ~/.posebench/history}: one history
     * per user, shared by every checkout and worktree of posebench and untouched by
     * {@code git clean} or {@code mvn clean}, so builds of many commits land in one place.
     */
    public static String defaultUrl() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured.startsWith("jdbc:") ? configured : h2File(Path.of(configured));
        }
        return h2File(Path.of(System.getProperty("user.home"), ".posebench", "history", "history"));
    }

    /**
     * The H2 URL of a database file ({@code file.mv.db} on disk). One process has the file open at
     * a time; the others wait for it (see {@link #connect()}), and a recording takes well under a
     * second.
     */
    public static String h2File(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath();
    }

    public String url() {
        return url;
    }

    /** The URL to show: any {@code password=} in it masked. */
    @Override
    public String toString() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** A new connection, once no other process holds an embedded file; the caller closes it. */
    public Connection connect() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return DriverManager.getConnection(url);
            } catch (SQLException e) {
                if (!opening(e) || attempt == OPEN_ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    private void migrate() {
        for (int attempt = 1; ; attempt++) {
            try {
                Flyway.configure(HistoryDatabase.class.getClassLoader())
                        .dataSource(url, null, null)
                        .locations(MIGRATIONS)
                        .load()
                        .migrate();
                return;
            } catch (FlywayException e) {
                if (!(e.getCause() instanceof SQLException cause && opening(cause)) || attempt == OPEN_ATTEMPTS) {
                    throw new IllegalStateException("history database " + this + ": cannot bring its schema up to date: "
                            + e.getMessage(), e);
                }
                pause();
            }
        }
    }

    /**
     * Whether H2 refused because another process has the file open (90020) or is opening it right
     * now ("Lock file recently modified"): wait for it. A killed process's lock goes stale within
     * seconds.
     */
    private static boolean opening(SQLException e) {
        return "90020".equals(e.getSQLState()) || "08000".equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("Lock file");
    }

    private static void pause() {
        try {
            Thread.sleep(OPEN_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
