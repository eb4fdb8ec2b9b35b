package posebench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import posebench.cost.InstanceCatalogue;
import posebench.cost.MachinePrice;
import posebench.report.ProfileFiles;
import posebench.report.Report;
import posebench.report.RunFile;

/** {@code posebench report}: one self-contained HTML page of a benchmark run, its profiles and comparisons. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained HTML page of JMH results: the machine, every benchmark, charts,"
                + " scope tables, flame graphs, compare-filters skeletons and, with several runs, their ratios.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--results", required = true, description = "JMH -rf json file; repeat to compare runs"
            + " (the first is the baseline). RUN.machine.json beside it names the machine.")
    private List<Path> results;

    @Option(names = "--profiles", description = "Folder of trace-*.json scope tables and flame-*.html flame graphs.")
    private Path profiles;

    @Option(names = "--compare-filters", description = "The JSON file of compare-filters --json.")
    private Path compareFilters;

    @Option(names = "--instance", defaultValue = "c7a.large",
            description = "Catalogue instance whose price this machine gets in the cost chart (default: ${DEFAULT-VALUE}).")
    private String instance;

    @Option(names = "--out", defaultValue = "target/report.html", description = "The page (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Override
    public Integer call() {
        List<RunFile> runs = results.stream().map(RunFile::read).toList();
        Report report = new Report(runs, profiles == null ? ProfileFiles.NONE : ProfileFiles.scan(profiles),
                compareFilters, MachinePrice.ofInstance(InstanceCatalogue.load(), instance), out);
        report.write(report.sections());
        for (RunFile run : runs) {
            run.problems().forEach(problem -> spec.commandLine().getErr().println("posebench report: note: " + problem));
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
