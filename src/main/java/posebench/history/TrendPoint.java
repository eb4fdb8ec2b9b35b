package posebench.history;

import java.time.Instant;

import posebench.results.BenchmarkKey;
import posebench.results.ScoreUnit;
import posebench.machine.MachineInfo;

/**
 * One benchmark's score in one recorded run: a point of its trend on its machine.
 *
 * @param runId      the run's id (SHA-256 of its results file)
 * @param machine    the machine, with the run's commit and branch and its measuring time
 * @param instance   the instance type recorded with the run, or null
 * @param usdPerHour the price recorded with the run, or null
 * @param scoreError JMH's 99.9 % half-interval, NaN when it gave none
 */
public record TrendPoint(String runId, MachineInfo machine, String instance, Double usdPerHour, BenchmarkKey key,
        ScoreUnit unit, double score, double scoreError) {

    /** The trend this point belongs to: one benchmark with its params and mode, on one machine. */
    public Series series() {
        return new Series(machine.fingerprint(), key);
    }

    public String commit() {
        return machine.commit();
    }

    public Instant measuredAt() {
        return machine.recordedAt();
    }

    /** A trend: a benchmark key on the machine with {@code fingerprint}. */
    public record Series(String fingerprint, BenchmarkKey key) implements Comparable<Series> {

        @Override
        public int compareTo(Series other) {
            int byMachine = fingerprint.compareTo(other.fingerprint);
            return byMachine != 0 ? byMachine : key.compareTo(other.key);
        }
    }
}
