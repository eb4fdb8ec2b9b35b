package posebench.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a class's main method in a new JVM on this JVM's class path, with extra environment
 * variables: the only way to give TensorFlow an environment it reads once, when it loads.
 */
public final class ForkedJvm {

    private ForkedJvm() {
    }

    /** The environment that turns on XLA's CPU auto-clustering process-wide. */
    public static Map<String, String> xlaEnvironment() {
        return Map.of(SessionSettings.XLA_FLAGS_VARIABLE, SessionSettings.XLA_CPU_FLAG);
    }

    /**
     * A process builder for {@code java -cp <this class path> mainClass arguments}, with this
     * JVM's heap limit and {@code environment} added to this process's environment.
     */
    public static ProcessBuilder builder(Class<?> mainClass, List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }
}
