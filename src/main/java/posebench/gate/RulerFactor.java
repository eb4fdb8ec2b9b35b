package posebench.gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How much slower the current run's machine is than the baseline's: for each {@link Ruler}, the
 * current/baseline time-per-op ratio with its interval, and the geometric mean of the ratios, by
 * which every current score is divided. Both rulers weigh equally because most posebench stages
 * mix Java and TensorFlow work.
 */
public record RulerFactor(Map<Ruler, Estimate> perRuler, double factor) {

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
        return perRuler.values().stream().mapToDouble(Estimate::value).max().orElse(1)
                / perRuler.values().stream().mapToDouble(Estimate::value).min().orElse(1) - 1;
    }

    /** Measures every ruler in both files; a ruler absent from either is an error naming the file. */
    public static RulerFactor measure(JmhResultFile baseline, JmhResultFile current) throws GateInputException {
        Map<Ruler, Estimate> perRuler = new EnumMap<>(Ruler.class);
        for (Ruler ruler : Ruler.values()) {
            List<JmhResult> baselineResults = rulerResults(baseline, ruler);
            List<Estimate> ratios = new ArrayList<>();
            for (JmhResult result : rulerResults(current, ruler)) {
                JmhResult before = baseline.results().get(result.key());
                if (before != null) {
                    ratios.add(result.cost().dividedBy(before.cost()));
                }
            }
            if (ratios.isEmpty()) {
                throw new GateInputException("ruler " + ruler.benchmark() + " was measured in mode "
                        + modes(baselineResults) + " in the baseline but " + modes(rulerResults(current, ruler))
                        + " in the current run; measure it alike in both, or pass --no-ruler");
            }
            perRuler.put(ruler, Estimate.geometricMean(ratios));
        }
        return new RulerFactor(perRuler, Estimate.geometricMean(List.copyOf(perRuler.values())).value());
    }

    private static List<JmhResult> rulerResults(JmhResultFile file, Ruler ruler) throws GateInputException {
        List<JmhResult> results = file.results().values().stream()
                .filter(result -> result.key().benchmark().equals(ruler.benchmark()))
                .toList();
        if (results.isEmpty()) {
            throw new GateInputException(file.role() + " file " + file.path() + " has no result for ruler "
                    + ruler.benchmark() + ": run posebench.ruler.RulerBenchmark in the same JMH run as the"
                    + " benchmarks it normalises, or pass --no-ruler to compare raw scores");
        }
        return results;
    }

    private static String modes(List<JmhResult> results) {
        return String.join("/", results.stream().map(result -> result.key().mode()).toList());
    }
}
