package posebench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.pose.BodyPart;
import posebench.pose.CocoPart;
import posebench.pose.Human;

class JsonLinesOutputTest {

    @TempDir
    Path dir;

    private final List<ImageInput> inputs = List.of(new ImageInput(0, Path.of("a.jpg")),
            new ImageInput(1, Path.of("b.jpg")), new ImageInput(2, Path.of("c.jpg")));

    @Test
    void oneLinePerResultWithHumansOrError() throws IOException {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, "stale content of an older run\n");
        Human human = new Human(List.of(new BodyPart(CocoPart.values()[1], 0.5f, 0.25f, 0.9f, 10, 5)), 0.8f);
        try (JsonLinesOutput out = JsonLinesOutput.create(file, "model.pb", TestImages.SMALL)) {
            out.accept(ImageResult.succeeded(inputs.get(1), List.of(human), 12_500_000));
            out.accept(ImageResult.failed(inputs.get(0), "a.jpg: truncated JPEG", 1_000_000));
        }
        List<String> lines = JsonLinesFiles.wholeLines(file);
        assertEquals(2, lines.size());
        JsonNode ok = new ObjectMapper().readTree(lines.get(0));
        assertEquals(1, ok.get("index").asInt());
        assertEquals("b.jpg", ok.get("image").asText());
        assertEquals(1, ok.get("num_humans").asInt());
        assertEquals(10, ok.get("humans").get(0).get("parts").get(0).get("px").asInt());
        assertEquals(12.5, ok.get("latency_ms").asDouble(), 1e-9);
        JsonNode failed = new ObjectMapper().readTree(lines.get(1));
        assertEquals("a.jpg: truncated JPEG", failed.get("error").asText());
        assertTrue(!failed.has("humans"));
    }

    @Test
    void resumeCutsAPartialLastLineAndSkipsFinishedInputs() throws IOException {
        Path file = dir.resolve("out.jsonl");
        String whole = "{\"index\":2,\"image\":\"c.jpg\",\"error\":\"c.jpg: empty\"}\n"
                + "{\"index\":0,\"image\":\"a.jpg\",\"humans\":[]}\n";
        String partial = "{\"index\":1,\"image\":\"b.j";
        Files.writeString(file, whole + partial);
        try (JsonLinesOutput out = JsonLinesOutput.resume(file, "model.pb", TestImages.SMALL)) {
            assertEquals(partial.length(), out.droppedBytes());
            assertEquals(2, out.finishedCount());
            assertEquals(List.of(inputs.get(1)), out.remaining(inputs));
            out.accept(ImageResult.failed(inputs.get(1), "b.jpg: not an image", 0));
        }
        List<String> lines = JsonLinesFiles.wholeLines(file);
        assertEquals(3, lines.size());
        assertEquals(whole, String.join("\n", lines.subList(0, 2)) + "\n");
        assertEquals(List.of(0, 1, 2), List.copyOf(JsonLinesFiles.indexes(lines)));
    }

    @Test
    void cutsAFileWithoutAnyWholeLineToEmpty() throws IOException {
        Path file = dir.resolve("out.jsonl");
        Files.write(file, "{\"index\":0".getBytes(StandardCharsets.UTF_8));
        assertEquals(10, JsonLinesOutput.cutPartialLine(file));
        assertEquals(0, Files.size(file));
    }

    @Test
    void resumeRefusesOutputOfOtherInputs() throws IOException {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, "{\"index\":0,\"image\":\"z.jpg\",\"humans\":[]}\n");
        try (JsonLinesOutput out = JsonLinesOutput.resume(file, "model.pb", TestImages.SMALL)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> out.remaining(inputs));
            assertTrue(e.getMessage().contains("z.jpg") && e.getMessage().contains("inputs changed"), e.getMessage());
        }
        Files.writeString(file, "{\"index\":7,\"image\":\"h.jpg\",\"humans\":[]}\n");
        try (JsonLinesOutput out = JsonLinesOutput.resume(file, "model.pb", TestImages.SMALL)) {
            assertThrows(IllegalArgumentException.class, () -> out.remaining(inputs));
        }
        Files.writeString(file, "not json\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonLinesOutput.resume(file, "model.pb", TestImages.SMALL));
        assertTrue(e.getMessage().contains(file + " line 1 is not JSON"), e.getMessage());
    }

    @Test
    void refusesResultsAfterClose() {
        JsonLinesOutput out = JsonLinesOutput.create(dir.resolve("out.jsonl"), "model.pb", TestImages.SMALL);
        out.close();
        assertThrows(IllegalStateException.class, () -> out.accept(ImageResult.failed(inputs.get(0), "x", 0)));
    }
}
