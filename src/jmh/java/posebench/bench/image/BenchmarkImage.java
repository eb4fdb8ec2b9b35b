package posebench.bench.image;

import java.nio.file.Files;
import java.nio.file.Path;

import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.image.SyntheticImage;

/**
 * The photograph a benchmark feeds: a named file, else the article's ski.jpg from {@code ../shared}
 * when it is there, else the {@link SyntheticImage}, so that a fresh clone runs every benchmark.
 */
public final class BenchmarkImage {

    /** The {@code image} param value that picks ski.jpg or the synthetic image. */
    public static final String AUTO = "auto";

    private static final Path SKI = Path.of("../shared/images/ski.jpg");

    private BenchmarkImage() {
    }

    /** Decodes {@code image}, or picks the default for {@link #AUTO} and says so when it is the synthetic one. */
    public static BgrImage resolve(String image) {
        if (!image.equals(AUTO)) {
            return ImageDecoder.decode(Path.of(image));
        }
        if (Files.isRegularFile(SKI)) {
            return ImageDecoder.decode(SKI);
        }
        BgrImage synthetic = SyntheticImage.create();
        System.out.println("image: " + SKI + " is absent, using the synthetic " + synthetic.width() + "x"
                + synthetic.height() + " image");
        return synthetic;
    }
}
