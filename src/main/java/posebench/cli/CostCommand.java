package posebench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import posebench.cost.CostChart;
import posebench.cost.CostRow;
import posebench.cost.CostTable;
import posebench.cost.Instance;
import posebench.cost.InstanceCatalogue;
import posebench.cost.PipelineResults;
import posebench.gate.GateInputException;
import posebench.gate.JmhResult;
import posebench.gate.JmhResultFile;

/**
 * {@code posebench cost}: the article's cost table (s/image, FPS, 1000-image time, $/h, $/1000
 * images) for this machine's JMH results at a given price, beside the article's rows, and a chart.
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Cost per 1000 images from JMH results, beside the article's instances; writes a PNG chart.")
final class CostCommand implements Callable<Integer> {

    /** The benchmarks' parameter naming the network's runtime (tf or onnx). */
    static final String RUNTIME_PARAM = "runtime";

    @Option(names = "--results", defaultValue = "target/jmh-result.json",
            description = "JMH JSON result file (-rf json) (default: ${DEFAULT-VALUE}).")
    private Path results;

    @Option(names = "--benchmark", defaultValue = "ThroughputBenchmark",
            description = "Regex picking the result rows: whole-pipeline images (default: ${DEFAULT-VALUE}).")
    private String benchmark;

    @ArgGroup(exclusive = true, multiplicity = "1")
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
    public Integer call() throws GateInputException {
        InstanceCatalogue catalogue = InstanceCatalogue.load();
        double usdPerHour;
        String machine;
        if (price.instance != null) {
            Instance instance = catalogue.byName(price.instance);
            usdPerHour = instance.usdPerHour();
            machine = String.format(Locale.ROOT, "this machine at %s's $%s/h", instance.name(), instance.usdPerHour());
        } else {
            usdPerHour = price.perHour;
            machine = String.format(Locale.ROOT, "this machine at $%s/h", price.perHour);
        }
        JmhResultFile file = JmhResultFile.read("results", results);
        List<JmhResult> selected = PipelineResults.select(file, benchmark);
        Set<String> varying = PipelineResults.varyingParams(selected);
        // Which runtime ran the network belongs in every row, even where all rows ran on one.
        if (selected.get(0).key().params().containsKey(RUNTIME_PARAM)) {
            varying.add(RUNTIME_PARAM);
        }
        Set<String> common = new LinkedHashSet<>(selected.get(0).key().params().keySet());
        common.removeAll(varying);
        List<CostRow> mine = new ArrayList<>();
        for (JmhResult r : selected) {
            String run = varying.isEmpty() ? r.key().benchmark().substring(r.key().benchmark().lastIndexOf('.') + 1)
                    : PipelineResults.label(r.key(), varying);
            mine.add(new CostRow(machine, run, r.unit().cost(r.score()), usdPerHour));
        }
        List<CostRow> article = catalogue.articleRows();
        List<CostRow> all = new ArrayList<>(mine);
        all.addAll(article);
        System.out.println("this machine: " + selected.get(0).key().benchmark() + " "
                + PipelineResults.label(selected.get(0).key(), common) + ", from " + results);
        System.out.print(CostTable.markdown(all));
        CostChart.writePng(chart, "Cost per 1000 images against throughput", article, machine, mine);
        System.out.println("wrote " + chart);
        return 0;
    }
}
