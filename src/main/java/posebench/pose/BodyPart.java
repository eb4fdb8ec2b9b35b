package posebench.pose;

/**
 * One detected keypoint: {@code x}, {@code y} normalised to [0, 1) of the heatmap,
 * {@code px}, {@code py} its heatmap cell, {@code score} the unsmoothed heatmap value there.
 */
public record BodyPart(CocoPart part, float x, float y, float score, int px, int py) {
}
