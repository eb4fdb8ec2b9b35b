package posebench.throughput;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a throughput run: how many inputs succeeded and failed, wall and process CPU
 * time, per-image latency (microseconds, successes only), and whether it was cancelled.
 */
public record RunSummary(int succeeded, int failed, long wallNanos, long cpuNanos, int cores,
                         Histogram latencyMicros, boolean cancelled) {

    /** Successful images per second of wall time. */
    public double fps() {
        return wallNanos == 0 ? 0 : succeeded * 1e9 / wallNanos;
    }

    /** Process CPU time over wall time times cores: 1.0 means every core busy all along. */
    public double cpuUtilisation() {
        return wallNanos == 0 ? 0 : (double) cpuNanos / ((double) wallNanos * cores);
    }

    /**
     * Process CPU seconds per input: unlike FPS, it barely moves when other processes take cores
     * from the run, so it compares configurations on a shared machine.
     */
    public double cpuSecondsPerImage() {
        int images = succeeded + failed;
        return images == 0 ? 0 : cpuNanos / 1e9 / images;
    }

    /** Latency at a percentile (0..100) in milliseconds; 0 when nothing succeeded. */
    public double latencyMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
