package posebench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import posebench.gate.AbGate;
import posebench.gate.AbReport;
import posebench.gate.AbTable;
import posebench.gate.Confirmation;
import posebench.gate.Gate;
import posebench.results.ResultsFileException;
import posebench.gate.GateReport;
import posebench.gate.GateTable;
import posebench.results.JmhResultFile;
import posebench.gate.RulerAssignment;

/**
 * {@code posebench gate}: fails when a build is slower than a baseline build beyond threshold and
 * noise, either from forks of both builds measured side by side ({@code --ab}) or from two stored runs.
 */
@Command(name = "gate",
        exitCodeOnExecutionException = GateCommand.EXIT_BAD_INPUT,
        description = {
            "Compares JMH -rf json result files and exits non-zero when a benchmark regressed.",
            "--ab: forks of two builds run interleaved on one machine (as .ci/gate does). A benchmark regresses"
                    + " when the median of its per-fork medians grew by more than the threshold and the exact"
                    + " one-sided rank-sum test of the forks gives p <= alpha.",
            "Otherwise two stored runs, valid only from the same machine, JDK and TensorFlow: a benchmark"
                    + " regresses when its time per op (throughput is inverted), divided by the ruler factor, grew"
                    + " by more than the threshold and the confidence intervals do not overlap."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:every benchmark passed",
            "1:a benchmark regressed or is missing from the current run",
            "2:bad input: a file is absent, not JSON or not JMH's schema, a ruler is missing, or bad options"})
public final class GateCommand implements Callable<Integer> {

    public static final int EXIT_PASS = 0;
    public static final int EXIT_REGRESSION = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--ab", description = "Compare forks of two builds measured side by side (--base, --head).")
    private boolean ab;

    @Option(names = "--base", arity = "1..*", paramLabel = "FILE",
            description = "With --ab: JMH -rf json results of the baseline build; their forks are pooled.")
    private List<Path> baseFiles = new ArrayList<>();

    @Option(names = "--head", arity = "1..*", paramLabel = "FILE",
            description = "With --ab: JMH -rf json results of the build under test; their forks are pooled.")
    private List<Path> headFiles = new ArrayList<>();

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "" + AbGate.DEFAULT_ALPHA,
            description = "With --ab: the rank-sum p-value at or below which a slowdown beyond the threshold"
                    + " fails, per benchmark (default: ${DEFAULT-VALUE}).")
    private double alpha;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Without --ab: JMH -rf json result of the reference run.")
    private Path baseline;

    @Option(names = "--current", paramLabel = "FILE",
            description = "Without --ab: JMH -rf json result of the run under test. Repeatable: with several"
                    + " runs of the same build a benchmark fails only when it failed in every one of them.")
    private List<Path> currents = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "" + Gate.DEFAULT_THRESHOLD_PERCENT,
            description = "Smallest slowdown, in percent of the baseline time per op, that can fail"
                    + " (default: ${DEFAULT-VALUE}).")
    private double thresholdPercent;

    @Option(names = "--ruler-for", paramLabel = "REGEX=RULER",
            description = "Normalise benchmarks whose name matches REGEX by RULER (javaKernel or tfOp) alone;"
                    + " repeatable, first match wins. Others use the geometric mean of both rulers.")
    private List<String> rulerFor = new ArrayList<>();

    @Option(names = "--no-ruler",
            description = "Compare raw scores; for files without posebench.bench.ruler.RulerBenchmark results.")
    private boolean noRuler;

    @Override
    public Integer call() {
        if (ab) {
            return callAb();
        }
        if (!baseFiles.isEmpty() || !headFiles.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--base and --head need --ab");
        }
        if (baseline == null || currents.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give --baseline FILE --current FILE, or --ab");
        }
        if (noRuler && !rulerFor.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--ruler-for needs the rulers: drop --no-ruler");
        }
        List<RulerAssignment> assignments = new ArrayList<>();
        for (String text : rulerFor) {
            try {
                assignments.add(RulerAssignment.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--ruler-for: " + e.getMessage());
            }
        }
        Gate gate;
        try {
            gate = new Gate(thresholdPercent, !noRuler, assignments);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--threshold: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            JmhResultFile reference = JmhResultFile.read("baseline", baseline);
            List<GateReport> reports = new ArrayList<>();
            for (Path current : currents) {
                reports.add(gate.compare(reference, JmhResultFile.read("current", current)));
            }
            Confirmation confirmation = Confirmation.of(reports);
            for (int i = 0; i < reports.size(); i++) {
                out.print((i > 0 ? "\n" : "") + GateTable.render(reports.get(i)));
            }
            if (reports.size() > 1) {
                out.print("\n" + GateTable.render(confirmation));
            }
            out.flush();
            return confirmation.passed() ? EXIT_PASS : EXIT_REGRESSION;
        } catch (ResultsFileException e) {
            return badInput(e);
        }
    }

    private int callAb() {
        if (baseline != null || !currents.isEmpty() || !rulerFor.isEmpty() || noRuler) {
            throw new ParameterException(spec.commandLine(),
                    "--ab compares --base and --head without rulers: drop --baseline, --current, --ruler-for, --no-ruler");
        }
        if (baseFiles.isEmpty() || headFiles.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--ab needs --base FILE... and --head FILE...");
        }
        AbGate gate;
        try {
            gate = new AbGate(thresholdPercent, alpha);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            AbReport report = gate.compare(read("baseline", baseFiles), read("current", headFiles));
            PrintWriter out = spec.commandLine().getOut();
            out.print(AbTable.render(report));
            out.flush();
            return report.passed() ? EXIT_PASS : EXIT_REGRESSION;
        } catch (ResultsFileException e) {
            return badInput(e);
        }
    }

    private static List<JmhResultFile> read(String role, List<Path> files) throws ResultsFileException {
        List<JmhResultFile> read = new ArrayList<>();
        for (Path file : files) {
            read.add(JmhResultFile.read(role, file));
        }
        return read;
    }

    private int badInput(ResultsFileException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("posebench gate: " + e.getMessage());
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
