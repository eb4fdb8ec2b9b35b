package posebench.model;

/** What an op outside posebench's allowlist can reach beyond the tensors of one run: the reason it is refused. */
public enum OpAccess {

    FILE_SYSTEM("reads, writes or maps files"),
    NETWORK("talks to the network or to other processes"),
    PROCESS("runs code outside TensorFlow's kernels or ends the process"),
    STATE("keeps state across runs (variables, queues, tables, session handles)");

    private final String description;

    OpAccess(String description) {
        this.description = description;
    }

    /** What the op does, as the refusal message says it: "reads, writes or maps files". */
    public String description() {
        return description;
    }
}
