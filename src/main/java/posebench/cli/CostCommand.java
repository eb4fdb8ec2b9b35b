package posebench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import posebench.cost.CostChart;
import posebench.cost.CostRow;
import posebench.cost.CostTable;
import posebench.cost.InstanceCatalogue;
import posebench.cost.MachinePrice;
import posebench.cost.PipelineResults;
import posebench.results.BenchmarkKey;
import posebench.results.ResultsFileException;
import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.history.History;
import posebench.history.HistoryDatabase;
import posebench.history.TrendChart;
import posebench.history.TrendPoint;

/**
 * {@code posebench cost}: the article's cost table (s/image, FPS, 1000-image time, $/h, $/1000
 * images) for this machine's JMH results at a given price, or for every machine in a run history
 * at its recorded price, beside the article's rows, and a chart.
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Cost per 1000 images from JMH results, beside the article's instances; writes a PNG chart.")
final class CostCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--results", defaultValue = "target/jmh-result.json",
            description = "JMH JSON result file (-rf json) (default: ${DEFAULT-VALUE}).")
    private Path results;

    @Option(names = "--db", description = "Instead of --results: every machine in this run history (JDBC URL or H2"
            + " file, see `history`), each at the instance or price recorded with its latest run.")
    private String db;

    @Option(names = "--benchmark", defaultValue = "ThroughputBenchmark",
            description = "Regex picking the result rows: whole-pipeline images (default: ${DEFAULT-VALUE}).")
    private String benchmark;

    @ArgGroup(exclusive = true)
    private Price price;

    @Option(names = "--chart", defaultValue = "target/cost-per-1000-images.png",
            description = "PNG chart of $ per 1000 images against FPS (default: ${DEFAULT-VALUE}).")
    private Path chart;

    /** The price of this machine: a catalogue instance's, or given. */
    static final class Price {

        @Option(names = "--instance", required = true, description = "Catalogue instance whose on-demand price to use: "
                + "inf1.xlarge ... g4dn.8xlarge (the article's), c7a.large, c7i.large, c6i.large.")
        String instance;

        @Option(names = "--price-per-hour", required = true, description = "Price of this machine in $ per hour.")
        Double perHour;
    }

    @Override
    public Integer call() throws ResultsFileException, SQLException {
        InstanceCatalogue catalogue = InstanceCatalogue.load();
        PrintWriter out = spec.commandLine().getOut();
        String machine;
        List<CostRow> mine;
        if (db != null) {
            if (price != null) {
                throw new IllegalArgumentException("--db prices each machine as recorded; drop --instance and"
                        + " --price-per-hour (record a run with them instead)");
            }
            machine = "recorded machines";
            mine = recordedRows(out);
        } else {
            if (price == null) {
                throw new IllegalArgumentException("give this machine's price: --instance NAME or --price-per-hour X"
                        + " (or --db URL for recorded machines)");
            }
            MachinePrice at = price.instance != null ? MachinePrice.ofInstance(catalogue, price.instance)
                    : MachinePrice.perHour(price.perHour);
            machine = at.label();
            mine = fileRows(out, at);
        }
        List<CostRow> article = catalogue.articleRows();
        List<CostRow> all = new ArrayList<>(mine);
        all.addAll(article);
        out.print(CostTable.markdown(all));
        CostChart.writePng(chart, "Cost per 1000 images against throughput", article, machine, mine);
        out.println("wrote " + chart);
        return 0;
    }

    private List<CostRow> fileRows(PrintWriter out, MachinePrice at) throws ResultsFileException {
        JmhResultFile file = JmhResultFile.read("results", results);
        List<JmhResult> selected = PipelineResults.select(file, benchmark);
        List<BenchmarkKey> keys = selected.stream().map(JmhResult::key).toList();
        out.println("this machine: " + keys.get(0).benchmark() + " " + PipelineResults.label(keys.get(0),
                commonParams(keys, PipelineResults.labelParams(keys))) + ", from " + results);
        return PipelineResults.costRows(selected, at.label(), at.usdPerHour());
    }

    /**
     * One row per result of each machine's latest run that has {@code --benchmark} results, at
     * the price recorded with that run; machines recorded without a price are named and left out.
     */
    private List<CostRow> recordedRows(PrintWriter out) throws SQLException {
        Pattern pattern = Pattern.compile(benchmark);
        Map<String, List<TrendPoint>> latest = new LinkedHashMap<>();
        new History(HistoryDatabase.open(db)).trend(null, null).stream()
                .filter(p -> pattern.matcher(p.key().benchmark()).find())
                .sorted(Comparator.comparing(TrendPoint::measuredAt).reversed())
                .forEach(p -> {
                    List<TrendPoint> run = latest.computeIfAbsent(p.machine().fingerprint(), f -> new ArrayList<>());
                    if (run.isEmpty() || run.get(0).runId().equals(p.runId())) {
                        run.add(p);
                    }
                });
        if (latest.isEmpty()) {
            throw new IllegalArgumentException("history " + db + " holds no result matching '" + benchmark + "'");
        }
        List<CostRow> rows = new ArrayList<>();
        for (List<TrendPoint> run : latest.values()) {
            TrendPoint first = run.get(0);
            String name = (first.instance() != null ? first.instance() + " " : "") + first.machine().fingerprint();
            if (first.usdPerHour() == null) {
                out.println("left out " + name + " (" + first.machine().summary() + "): its run "
                        + first.runId().substring(0, 12) + " was recorded without --instance or --price-per-hour");
                continue;
            }
            List<BenchmarkKey> keys = run.stream().map(TrendPoint::key).toList();
            Set<String> varying = PipelineResults.labelParams(keys);
            out.println(name + ": " + first.machine().summary() + "; " + first.key().benchmark() + " "
                    + PipelineResults.label(first.key(), commonParams(keys, varying)) + ", commit "
                    + TrendChart.shortCommit(first.commit()) + ", run " + first.runId().substring(0, 12));
            for (TrendPoint p : run) {
                rows.add(new CostRow(name, runLabel(p.key(), varying), p.unit().cost(p.score()), first.usdPerHour()));
            }
        }
        return rows;
    }

    /** What tells a row from the others: its varying params, else the benchmark's method name. */
    private static String runLabel(BenchmarkKey key, Set<String> varying) {
        return varying.isEmpty() ? key.benchmark().substring(key.benchmark().lastIndexOf('.') + 1)
                : PipelineResults.label(key, varying);
    }

    private static Set<String> commonParams(List<BenchmarkKey> keys, Set<String> varying) {
        Set<String> common = new LinkedHashSet<>(keys.get(0).params().keySet());
        common.removeAll(varying);
        return common;
    }
}
