package posebench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

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

    @Spec
    private CommandSpec spec;

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
        MachinePrice machine = price.instance != null ? MachinePrice.ofInstance(catalogue, price.instance)
                : MachinePrice.perHour(price.perHour);
        JmhResultFile file = JmhResultFile.read("results", results);
        List<JmhResult> selected = PipelineResults.select(file, benchmark);
        Set<String> varying = PipelineResults.labelParams(selected);
        Set<String> common = new LinkedHashSet<>(selected.get(0).key().params().keySet());
        common.removeAll(varying);
        List<CostRow> mine = PipelineResults.costRows(selected, machine.label(), machine.usdPerHour());
        List<CostRow> article = catalogue.articleRows();
        List<CostRow> all = new ArrayList<>(mine);
        all.addAll(article);
        spec.commandLine().getOut().println("this machine: " + selected.get(0).key().benchmark() + " "
                + PipelineResults.label(selected.get(0).key(), common) + ", from " + results);
        spec.commandLine().getOut().print(CostTable.markdown(all));
        CostChart.writePng(chart, "Cost per 1000 images against throughput", article, machine.label(), mine);
        spec.commandLine().getOut().println("wrote " + chart);
        return 0;
    }
}
