package posebench.gate;

import posebench.results.BenchmarkKey;

/**
 * The ruler benchmarks of {@code posebench.bench.ruler.RulerBenchmark} (src/jmh): fixed work whose
 * slowdown between two runs measures the machine, not the code.
 */
public enum Ruler {
    JAVA_KERNEL("posebench.bench.ruler.RulerBenchmark.javaKernel"),
    TF_OP("posebench.bench.ruler.RulerBenchmark.tfOp");

    private final String benchmark;

    Ruler(String benchmark) {
        this.benchmark = benchmark;
    }

    public String benchmark() {
        return benchmark;
    }

    /** The method name, as tables show it. */
    public String shortName() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** The ruler with this {@link #shortName()}. */
    public static Ruler named(String shortName) {
        for (Ruler ruler : values()) {
            if (ruler.shortName().equals(shortName)) {
                return ruler;
            }
        }
        throw new IllegalArgumentException("unknown ruler '" + shortName + "'; expected javaKernel or tfOp");
    }

    /** Whether {@code benchmark} is this ruler, in whichever package a build put it. */
    public boolean is(String benchmark) {
        return BenchmarkKey.shortName(benchmark).equals(BenchmarkKey.shortName(this.benchmark));
    }

    public static boolean isRuler(String benchmark) {
        for (Ruler ruler : values()) {
            if (ruler.is(benchmark)) {
                return true;
            }
        }
        return false;
    }
}
