package posebench.history;

/** The history contract on the embedded default, an H2 file. */
class EmbeddedHistoryTest extends HistoryDatabaseContract {

    @Override
    String freshDatabase() {
        return TestDatabases.embedded(dir);
    }
}
