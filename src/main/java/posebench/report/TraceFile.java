package posebench.report;

import java.util.List;

/**
 * A trace JSON file as {@code posebench trace} and the trace profiler write it
 * ({@link posebench.profile.TraceReport#json()}): what ran, and the scope rows depth first, in
 * microseconds and bytes. {@code name} is the file name without {@code .json}.
 */
public record TraceFile(String name, String model, String compile, int filterSize, String smoother, int tracedRuns,
        List<Scope> scopes) {

    /** One row of the scope table. */
    public record Scope(String name, int depth, String opType, Cost self, Cost total, Double gflopsPerS) {
    }

    /** Requested bytes, execution and CPU time in microseconds, FLOPs (null where unknown). */
    public record Cost(double requestedBytes, double execUs, double cpuUs, Long flops) {
    }

    public TraceFile {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** The same with the name it is shown under. */
    TraceFile named(String fileName) {
        return new TraceFile(fileName, model, compile, filterSize, smoother, tracedRuns, scopes);
    }
}
