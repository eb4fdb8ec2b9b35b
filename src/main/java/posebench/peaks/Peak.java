package posebench.peaks;

/**
 * A heatmap peak: {@code id} is its global running number (parts in order, pixels row-major,
 * as pafprocess numbers them), {@code score} the unsmoothed heatmap value at ({@code x}, {@code y}).
 */
public record Peak(int id, int part, int x, int y, float score) {
}
