package posebench.history;

/** The history contract on a real PostgreSQL server (see {@code .ci/postgres}), in a schema of its own. */
class PostgresHistoryTest extends HistoryDatabaseContract {

    @Override
    String freshDatabase() {
        return TestDatabases.freshPostgresSchema();
    }

    @Override
    void dropDatabase(String url) {
        TestDatabases.dropPostgresSchema(url);
    }
}
