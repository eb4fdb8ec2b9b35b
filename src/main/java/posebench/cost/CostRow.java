package posebench.cost;

/**
 * One row of the article's cost table: an instance, the run measured on it, its seconds per image
 * and the instance's price, from which FPS, the time for 1000 images and the dollars for 1000
 * images follow.
 */
public record CostRow(String instance, String run, double secondsPerImage, double usdPerHour) {

    public CostRow {
        if (!(secondsPerImage > 0) || Double.isInfinite(secondsPerImage)) {
            throw new IllegalArgumentException("seconds per image must be positive, got " + secondsPerImage);
        }
        if (!(usdPerHour >= 0) || Double.isInfinite(usdPerHour)) {
            throw new IllegalArgumentException("price per hour must be at least 0, got " + usdPerHour);
        }
    }

    public double fps() {
        return 1 / secondsPerImage;
    }

    public double secondsPer1000Images() {
        return 1000 * secondsPerImage;
    }

    /** The price of the instance for the time 1000 images take: $/h x 1000 s/image / 3600. */
    public double usdPer1000Images() {
        return usdPerHour * secondsPer1000Images() / 3600;
    }
}
