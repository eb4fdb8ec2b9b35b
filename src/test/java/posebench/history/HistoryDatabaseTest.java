package posebench.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryDatabaseTest {

    @Test
    void aPathIsAnH2FileCreatedWithItsFolders(@TempDir Path dir) {
        HistoryDatabase db = HistoryDatabase.open(dir.resolve("a/b/history").toString());
        assertEquals("jdbc:h2:file:" + dir.resolve("a/b/history").toAbsolutePath(), db.url());
        assertTrue(Files.isRegularFile(dir.resolve("a/b/history.mv.db")));
    }

    @Test
    void theDefaultIsInTheUsersHomeUnlessConfigured() {
        String home = System.getProperty("user.home");
        if (System.getenv(HistoryDatabase.URL_VARIABLE) == null) {
            assertEquals("jdbc:h2:file:" + Path.of(home, ".posebench", "history", "history"),
                    HistoryDatabase.defaultUrl());
        }
    }

    @Test
    void aShownUrlMasksItsPassword() throws Exception {
        var constructor = HistoryDatabase.class.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        HistoryDatabase db = constructor.newInstance("jdbc:postgresql://db:5432/bench?user=ci&password=s3cret&ssl=true");
        assertEquals("jdbc:postgresql://db:5432/bench?user=ci&password=***&ssl=true", db.toString());
    }
}
