package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.SharedData;
import posebench.model.TinyPoseGraph;

class EstimateCommandTest {

    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void writeModel() throws IOException {
        model = dir.resolve("tiny.pb");
        Files.write(model, TinyPoseGraph.withChannels(57).toByteArray());
    }

    private void assertImageRejected(Path image, String cause) {
        CliResult result = CliResult.run("estimate", "--model", model.toString(), "--image", image.toString());
        assertEquals(2, result.code());
        String err = result.err();
        assertTrue(err.contains(image.toString()) && err.contains(cause), err);
    }

    @Test
    void emptyImage() throws IOException {
        Path image = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertImageRejected(image, "empty");
    }

    @Test
    void truncatedJpeg() throws IOException {
        byte[] jpeg = Files.readAllBytes(SharedData.image("p1.jpg"));
        Path image = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        assertImageRejected(image, "truncated JPEG");
    }

    @Test
    void notAnImage() throws IOException {
        Path image = Files.writeString(dir.resolve("notes.png"), "not pixels");
        assertImageRejected(image, "not an image");
    }

    @Test
    void badModelNamesTheFile() throws IOException {
        Path missing = dir.resolve("nope.pb");
        Path image = dir.resolve("dot.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_3BYTE_BGR),
                "png", image.toFile());
        CliResult result = CliResult.run("estimate", "--model", missing.toString(), "--image", image.toString());
        assertEquals(2, result.code());
        assertTrue(result.err().contains(missing + ": no such file"), result.err());
    }

    @Test
    void writesJsonAndDrawing() throws IOException {
        Path json = dir.resolve("out/ski.json");
        Path png = dir.resolve("out/ski.png");
        CliResult result = CliResult.run("estimate", "--model", SharedData.mobilenetV2Small().toString(),
                "--image", SharedData.image("ski.jpg").toString(), "--json", json.toString(), "--draw", png.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("5 human(s)"), result.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(5, doc.get("num_humans").asInt());
        assertEquals(5, doc.get("humans").size());
        assertEquals(List.of(216, 184), List.of(doc.get("heatmap_size_wh").get(0).asInt(), doc.get("heatmap_size_wh").get(1).asInt()));
        byte[] header = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals("PNG", new String(header, 1, 3, StandardCharsets.US_ASCII));
        try (var files = Files.list(json.getParent())) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }
}
