package posebench.gate;

import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.results.ResultsFileException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How much slower the current run's machine is than the baseline's: for each {@link Ruler}, the
 * current/baseline ratio of median iteration times, and the geometric mean of those ratios, by
 * which every current score is divided. Medians, because one iteration that caught a burst of load
 * on a shared machine would move a ruler's mean and with it every verdict. Both rulers weigh
 * equally because most posebench stages mix Java and TensorFlow work.
 */
public record RulerFactor(Map<Ruler, Double> perRuler, double factor) {

    public RulerFactor {
        perRuler = perRuler.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(perRuler));
    }

    /** No normalisation: ratios stay raw ({@code --no-ruler}). */
    public static RulerFactor none() {
        return new RulerFactor(Map.of(), 1);
    }

    public boolean isNone() {
        return perRuler.isEmpty();
    }

    /**
     * How far the rulers' ratios are apart, as a fraction (0.1: the largest is 10 % above the
     * smallest). Rulers that disagree mean the machine's load changed within a run.
     */
    public double disagreement() {
        return perRuler.values().stream().mapToDouble(Double::doubleValue).max().orElse(1)
                / perRuler.values().stream().mapToDouble(Double::doubleValue).min().orElse(1) - 1;
    }

    /** The current/baseline ratio of median iteration times per operation of one benchmark. */
    static double ratio(JmhResult baseline, JmhResult current) {
        return current.medianIterationCost() / baseline.medianIterationCost();
    }

    /** Measures every ruler in both files; a ruler absent from either is an error naming the file. */
    public static RulerFactor measure(JmhResultFile baseline, JmhResultFile current) throws ResultsFileException {
        Map<Ruler, Double> perRuler = new EnumMap<>(Ruler.class);
        for (Ruler ruler : Ruler.values()) {
            List<JmhResult> baselineResults = rulerResults(baseline, ruler);
            List<Double> ratios = new ArrayList<>();
            for (JmhResult result : rulerResults(current, ruler)) {
                JmhResult before = baseline.results().get(result.key());
                if (before != null) {
                    ratios.add(ratio(before, result));
                }
            }
            if (ratios.isEmpty()) {
                throw new ResultsFileException("ruler " + ruler.benchmark() + " was measured in mode "
                        + modes(baselineResults) + " in the baseline but " + modes(rulerResults(current, ruler))
                        + " in the current run; measure it alike in both, or pass --no-ruler");
            }
            perRuler.put(ruler, geometricMean(ratios));
        }
        return new RulerFactor(perRuler, geometricMean(List.copyOf(perRuler.values())));
    }

    private static double geometricMean(List<Double> ratios) {
        return Math.exp(ratios.stream().mapToDouble(Math::log).average().orElseThrow());
    }

    private static List<JmhResult> rulerResults(JmhResultFile file, Ruler ruler) throws ResultsFileException {
        List<JmhResult> results = file.results().values().stream()
                .filter(result -> ruler.is(result.key().benchmark()))
                .toList();
        if (results.isEmpty()) {
            throw new ResultsFileException(file.role() + " file " + file.path() + " has no result for ruler "
                    + ruler.benchmark() + ": run RulerBenchmark in the same JMH run as the"
                    + " benchmarks it normalises, or pass --no-ruler to compare raw scores");
        }
        return results;
    }

    private static String modes(List<JmhResult> results) {
        return String.join("/", results.stream().map(result -> result.key().mode()).toList());
    }
}
