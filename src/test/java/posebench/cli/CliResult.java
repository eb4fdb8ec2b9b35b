package posebench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What a {@code posebench} command line run in this JVM returned and printed. */
record CliResult(int code, String out, String err) {

    /** Runs the command line with its output and error writers captured. */
    static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoseBenchCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliResult(code, out.toString(), err.toString());
    }
}
