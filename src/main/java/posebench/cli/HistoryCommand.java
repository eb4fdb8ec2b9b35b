package posebench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import posebench.cost.Instance;
import posebench.cost.InstanceCatalogue;
import posebench.results.ResultsFileException;
import posebench.results.JmhResultFile;
import posebench.history.ChangePoint;
import posebench.history.EDivisive;
import posebench.history.History;
import posebench.history.HistoryDatabase;
import posebench.history.HistoryRecorder;
import posebench.history.RunContext;
import posebench.history.TrendChart;
import posebench.history.TrendPoint;
import posebench.io.Json;
import posebench.machine.MachineInfo;

/** {@code posebench history}: record JMH runs in a database, show their trends and find where they changed. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Run history in a SQL database (embedded H2 file or PostgreSQL): record, show, changes.",
        subcommands = {HistoryCommand.Record.class, HistoryCommand.Show.class, HistoryCommand.Changes.class})
final class HistoryCommand implements Runnable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The database option every subcommand takes. */
    static final class Database {

        @Option(names = "--db", description = "JDBC URL (jdbc:postgresql://host/db?user=..., jdbc:h2:...) or an H2 file"
                + " path (default: $" + HistoryDatabase.URL_VARIABLE + ", else ~/.posebench/history/history).")
        String url;

        HistoryDatabase open() {
            return HistoryDatabase.open(url);
        }
    }

    /** What {@code show} and {@code changes} read: a database and filters on its trends. */
    static final class Query {

        @Mixin
        Database db;

        @Option(names = "--benchmark", description = "Regex matched against 'name [mode, params]' (default: all).")
        String benchmark;

        @Option(names = "--machine", description = "A machine fingerprint, or part of a CPU model (default: all).")
        String machine;

        @Option(names = "--min-change", defaultValue = "5", description = "Smallest change in time per operation"
                + " shown, in percent: a tight benchmark can change significantly by 1 %% (default: ${DEFAULT-VALUE}).")
        double minChangePercent;

        List<TrendPoint> points() throws SQLException {
            return new History(db.open()).trend(benchmark, machine);
        }

        /** The significant changes of {@code points} at least {@code --min-change} large. */
        List<ChangePoint> changes(List<ChangePoint> found) {
            return found.stream().filter(c -> Math.abs(c.timeRatio() - 1) * 100 >= minChangePercent).toList();
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Store one JMH -rf json run with its commit, machine, instance and price; a run already"
                    + " stored (same file content) is not stored again.")
    static final class Record implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--results", required = true, description = "JMH JSON result file (-rf json).")
        private Path results;

        @Mixin
        private Database db;

        @Option(names = "--machine", description = "Machine file of the run (default: RUN.machine.json beside the"
                + " results; without one, this machine and checkout are recorded).")
        private Path machineFile;

        @Option(names = "--instance", description = "Cloud instance type the run measured; a catalogue name also"
                + " records its price.")
        private String instance;

        @Option(names = "--price-per-hour", description = "Price of the machine in $ per hour.")
        private Double pricePerHour;

        @Override
        public Integer call() throws ResultsFileException, SQLException {
            PrintWriter out = spec.commandLine().getOut();
            JmhResultFile file = JmhResultFile.read("results", results);
            MachineInfo machine = machineFile != null ? Json.read(machineFile, MachineInfo.class)
                    : MachineInfo.besideOrNull(results);
            boolean fromFile = machine != null;
            if (!fromFile) {
                machine = MachineInfo.current();
                out.println("no machine file " + MachineInfo.sidecarOf(results) + "; recording this machine ("
                        + machine.fingerprint() + ", " + machine.summary() + ") and this checkout's commit "
                        + TrendChart.shortCommit(machine.commit()));
            }
            Double price = pricePerHour;
            if (price == null && instance != null) {
                price = InstanceCatalogue.load().find(instance).map(Instance::usdPerHour).orElse(null);
                if (price == null) {
                    out.println("instance " + instance + " is not in the catalogue; recorded without a price"
                            + " (give --price-per-hour to price it)");
                }
            }
            HistoryDatabase database = db.open();
            RunContext context = RunContext.of(results, machine, fromFile, instance, price);
            HistoryRecorder.Outcome outcome = new HistoryRecorder(database).record(file, context);
            String run = "run " + context.runId().substring(0, 12) + " (" + file.results().size() + " results, commit "
                    + TrendChart.shortCommit(machine.commit()) + " on " + machine.branch() + ", machine "
                    + machine.fingerprint() + ")";
            out.println((outcome == HistoryRecorder.Outcome.RECORDED ? "recorded " : "already recorded, not stored again: ")
                    + run + " in " + database);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Trend table per machine and benchmark (commit, time, score ± error); optionally a PNG chart.")
    static final class Show implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private Query query;

        @Option(names = "--chart", description = "Also write a PNG chart of the trends with their change points.")
        private Path chart;

        @Override
        public Integer call() throws SQLException {
            PrintWriter out = spec.commandLine().getOut();
            List<TrendPoint> points = query.points();
            if (points.isEmpty()) {
                out.println("no recorded results match");
                return 0;
            }
            int branchWidth = points.stream().mapToInt(p -> p.machine().branch().length()).max().orElse(0);
            String row = "    %-10s  %-" + Math.max(6, branchWidth) + "s  %-19s  %14s%s%n";
            String machine = null;
            for (var trend : History.bySeries(points).entrySet()) {
                TrendPoint first = trend.getValue().get(0);
                if (!first.machine().fingerprint().equals(machine)) {
                    machine = first.machine().fingerprint();
                    out.println("machine " + machine + ": " + first.machine().summary());
                }
                out.println("  " + trend.getKey().key() + " (" + first.unit().text() + ")");
                out.printf(Locale.ROOT, row, "commit", "branch", "measured (UTC)", "score", " ± error");
                for (TrendPoint p : trend.getValue()) {
                    out.printf(Locale.ROOT, row, TrendChart.shortCommit(p.commit()), p.machine().branch(),
                            TIME.format(p.measuredAt()), String.format(Locale.ROOT, "%.4g", p.score()),
                            Double.isNaN(p.scoreError()) ? "" : String.format(Locale.ROOT, " ± %.4g", p.scoreError()));
                }
            }
            if (chart != null) {
                TrendChart.writePng(chart, points, query.changes(History.changes(points, EDivisive.DEFAULT)));
                out.println("wrote " + chart);
            }
            return 0;
        }
    }

    @Command(name = "changes", mixinStandardHelpOptions = true,
            description = "Change points per machine and benchmark (E-divisive means, permutation test): the commit,"
                    + " the size of the change and its p-value.")
    static final class Changes implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private Query query;

        @Override
        public Integer call() throws SQLException {
            PrintWriter out = spec.commandLine().getOut();
            List<TrendPoint> points = query.points();
            List<ChangePoint> found = History.changes(points, EDivisive.DEFAULT);
            List<ChangePoint> changes = query.changes(found);
            int hidden = found.size() - changes.size();
            out.printf(Locale.ROOT, "%d change point(s) in %d trend(s) of %d result(s)%s%n", changes.size(),
                    History.bySeries(points).size(), points.size(),
                    hidden == 0 ? "" : String.format(Locale.ROOT, " (%d more below --min-change %s %%)", hidden,
                            new DecimalFormat("0.##").format(query.minChangePercent)));
            if (changes.isEmpty()) {
                return 0;
            }
            int width = changes.stream().mapToInt(c -> c.series().key().toString().length()).max().orElse(0);
            String row = "%-16s  %-" + width + "s  %-10s  %-10s  %-19s  %12s  %12s  %6s  %-13s  %6s%n";
            out.printf(Locale.ROOT, row, "machine", "benchmark", "from", "to", "measured (UTC)", "mean before",
                    "mean after", "ratio", "change", "p");
            for (ChangePoint c : changes) {
                out.printf(Locale.ROOT, row, c.series().fingerprint(), c.series().key(),
                        TrendChart.shortCommit(c.before().commit()), TrendChart.shortCommit(c.after().commit()),
                        TIME.format(c.after().measuredAt()), String.format(Locale.ROOT, "%.4g", c.meanBefore()),
                        String.format(Locale.ROOT, "%.4g", c.meanAfter()), String.format(Locale.ROOT, "%.3f", c.ratio()),
                        c.describe(), String.format(Locale.ROOT, "%.4f", c.pValue()));
            }
            return 0;
        }
    }
}
