package posebench.throughput;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks on a throughput JSON Lines file: whole lines only, each a result with an index seen once. */
final class JsonLinesFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLinesFiles() {
    }

    /** The file's lines, after checking it ends with a newline (or is empty): no half-written line. */
    static List<String> wholeLines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "partial last line in " + file);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** The indexes of the lines, after checking each line is one JSON result and no index repeats. */
    static Set<Integer> indexes(List<String> lines) throws IOException {
        Set<Integer> seen = new TreeSet<>();
        for (String line : lines) {
            JsonNode node = MAPPER.readTree(line);
            assertTrue(node.path("index").isInt() && (node.has("humans") || node.has("error")), line);
            assertTrue(seen.add(node.get("index").asInt()), "index twice: " + line);
        }
        return seen;
    }
}
