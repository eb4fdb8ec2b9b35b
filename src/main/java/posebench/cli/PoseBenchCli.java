package posebench.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code posebench} command line: estimating poses, tracing, cost, gating. */
@Command(name = "posebench", mixinStandardHelpOptions = true, version = "posebench 0.1",
        description = "OpenPose (tf-pose-estimation) pipeline on TensorFlow Java: estimate, measure, explain.",
        subcommands = {EstimateCommand.class, TraceCommand.class, CompareFiltersCommand.class, ThroughputCommand.class,
                CostCommand.class, ModelsCommand.class, GateCommand.class, MachineCommand.class, ReportCommand.class,
                HistoryCommand.class})
public final class PoseBenchCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; errors in the user's input print one clear line. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line writing to {@code out} and {@code err}, as tests and embedding tools do. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new PoseBenchCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            line.getErr().println("posebench " + line.getCommandName() + ": " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
