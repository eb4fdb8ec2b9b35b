package posebench.cost;

import java.util.OptionalDouble;

/**
 * A cloud instance type of the catalogue: its on-demand price, vCPUs, accelerator, and the
 * article's published seconds per image and data-parallel FPS on it, where the article has them.
 */
public record Instance(String name, double usdPerHour, int vcpus, String accelerator,
                       OptionalDouble articleSecondsPerImage, OptionalDouble articleParallelFps) {
}
