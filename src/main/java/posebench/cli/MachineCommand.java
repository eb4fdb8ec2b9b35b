package posebench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import posebench.io.Json;
import posebench.machine.MachineInfo;

/** {@code posebench machine}: this machine's description, to keep beside a JMH results file. */
@Command(name = "machine", mixinStandardHelpOptions = true,
        description = "Print this machine (CPU, ISA flags, cores, memory, JDK, TensorFlow, OpenCV, IPP, commit) as JSON.")
final class MachineCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--beside", description = "Also write it beside this JMH results file (RUN.json -> RUN.machine.json).")
    private Path results;

    @Override
    public Integer call() {
        MachineInfo machine = MachineInfo.current();
        spec.commandLine().getOut().println(Json.write(machine));
        if (results != null) {
            machine.writeBeside(results);
        }
        return 0;
    }
}
