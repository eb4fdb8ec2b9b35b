package posebench.throughput;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import posebench.estimator.PipelineOptions;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.model.TinyPoseGraph;

/** Small generated images, corrupt files and the tiny graph, so throughput tests need no ../shared. */
public final class TestImages {

    /** A target size and kernel small enough that the tiny graph runs in about a millisecond. */
    public static final PipelineOptions SMALL = PipelineOptions.DEFAULTS.withTargetSize(64, 48).withFilterSize(5);

    private TestImages() {
    }

    public static PoseModel tinyModel() {
        return ModelLoader.validate(TinyPoseGraph.withChannels(57), "tiny", PoseModel.DEFAULT_INPUT,
                PoseModel.DEFAULT_OUTPUT);
    }

    /** Writes an 80x60 gradient picture in the format of the file's extension (png or jpg). */
    public static Path picture(Path file, int shade) throws IOException {
        BufferedImage image = new BufferedImage(80, 60, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                image.setRGB(x, y, (x * 3 + shade) << 16 | (y * 4) << 8 | shade);
            }
        }
        String name = file.getFileName().toString();
        ImageIO.write(image, name.substring(name.lastIndexOf('.') + 1), file.toFile());
        return file;
    }

    /**
     * A directory of {@code good} pictures and three corrupt files (empty, truncated JPEG, text
     * named .png), returning the corrupt ones' names.
     */
    public static String[] mixedDirectory(Path dir, int good) throws IOException {
        for (int i = 0; i < good; i++) {
            picture(dir.resolve(String.format("img%02d.%s", i, i % 2 == 0 ? "png" : "jpg")), i * 20);
        }
        Files.write(dir.resolve("img03_empty.jpg"), new byte[0]);
        Path whole = picture(dir.resolve("whole.jpg"), 7);
        byte[] jpeg = Files.readAllBytes(whole);
        Files.delete(whole);
        Files.write(dir.resolve("img05_cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(dir.resolve("img07_notes.png"), "not pixels");
        return new String[] {"img03_empty.jpg", "img05_cut.jpg", "img07_notes.png"};
    }
}
