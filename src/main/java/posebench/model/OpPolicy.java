package posebench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;

/**
 * Which op types a model graph may hold when it is loaded: {@link AllowedOps}, the ops of the op
 * libraries the user loaded, and the ops the user allows knowingly ({@link #allowUnsafeOps}).
 *
 * <p>The check reads only the GraphDef, before TensorFlow sees the graph. It covers the graph's
 * nodes, the bodies of every function in its library (which {@code PartitionedCall}, {@code If},
 * {@code While} or a node named after the function may call), and every function attribute,
 * since TensorFlow runs a function attribute that names a plain op as that op.
 */
public final class OpPolicy {

    /** The allowlist alone; warnings go to the {@code posebench.model.OpPolicy} {@link System.Logger}. */
    public static final OpPolicy DEFAULT = new OpPolicy(Set.of(), Set.of(), OpPolicy::log);

    private static final int MAX_LISTED = 3;

    private final Set<String> libraryOps;
    private final Set<String> allowedOps;
    private final Consumer<String> warnings;

    private OpPolicy(Set<String> libraryOps, Set<String> allowedOps, Consumer<String> warnings) {
        this.libraryOps = Set.copyOf(libraryOps);
        this.allowedOps = Set.copyOf(allowedOps);
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * This policy with the op types an op library registered ({@code TensorFlow.loadLibrary}):
     * loading a library is asking for its ops, so they run without a warning. {@code NeuronOp}
     * is allowed only this way.
     */
    public OpPolicy withLibraryOps(Collection<String> opTypes) {
        return new OpPolicy(union(libraryOps, opTypes), allowedOps, warnings);
    }

    /**
     * This policy letting the given op types through, unsafe ones too, for someone who trusts
     * the graph; loading a graph that holds them warns and names them.
     */
    public OpPolicy allowUnsafeOps(Collection<String> opTypes) {
        return new OpPolicy(libraryOps, union(allowedOps, opTypes), warnings);
    }

    public OpPolicy allowUnsafeOps(String... opTypes) {
        return allowUnsafeOps(Arrays.asList(opTypes));
    }

    /** This policy sending its warnings to {@code sink} instead. */
    public OpPolicy warnTo(Consumer<String> sink) {
        return new OpPolicy(libraryOps, allowedOps, sink);
    }

    /**
     * Refuses a graph holding an op type this policy does not allow, and warns about the nodes
     * that only {@link #allowUnsafeOps} let through.
     *
     * @throws UnsafeOpException naming the file, the first refused node, its op type and why
     */
    public void check(GraphDef graphDef, String source) {
        Set<String> functions = new HashSet<>();
        for (FunctionDef function : graphDef.getLibrary().getFunctionList()) {
            functions.add(function.getSignature().getName());
        }
        List<Use> refused = new ArrayList<>();
        List<Use> letThrough = new ArrayList<>();
        for (NodeDef node : graphDef.getNodeList()) {
            check(node, null, functions, refused, letThrough);
        }
        for (FunctionDef function : graphDef.getLibrary().getFunctionList()) {
            for (NodeDef node : function.getNodeDefList()) {
                check(node, function.getSignature().getName(), functions, refused, letThrough);
            }
        }
        if (!refused.isEmpty()) {
            throw refusal(source, refused);
        }
        if (!letThrough.isEmpty()) {
            warnings.accept("warning: " + source + ": running op(s) outside posebench's allowlist, as allowed by"
                    + " --allow-op (OpPolicy.allowUnsafeOps): " + listed(letThrough, letThrough.size()));
        }
    }

    /**
     * A use of an op type: by the node {@code node} (in {@code function}, or the graph when null),
     * as its type or through one of its function attributes.
     */
    private record Use(String function, String node, String attribute, String opType) {

        /** The node as {@link UnsafeOpException#node()} names it: {@code name} or {@code function/name}. */
        String qualifiedNode() {
            return function == null ? node : function + "/" + node;
        }

        @Override
        public String toString() {
            return (function == null ? "" : "function '" + function + "', ") + "node '" + node + "'"
                    + (attribute == null ? "" : " (attribute '" + attribute + "')");
        }
    }

    /** Files the node, and every op its function attributes name, as refused, let through or allowed. */
    private void check(NodeDef node, String function, Set<String> functions, List<Use> refused, List<Use> letThrough) {
        classify(new Use(function, node.getName(), null, node.getOp()), functions, refused, letThrough);
        for (Map.Entry<String, AttrValue> attr : node.getAttrMap().entrySet()) {
            for (NameAttrList called : calledFunctions(attr.getValue())) {
                classify(new Use(function, node.getName(), attr.getKey(), called.getName()), functions, refused,
                        letThrough);
            }
        }
    }

    private void classify(Use use, Set<String> functions, List<Use> refused, List<Use> letThrough) {
        String opType = use.opType();
        if (AllowedOps.contains(opType) || libraryOps.contains(opType) || functions.contains(opType)) {
            return;
        }
        (allowedOps.contains(opType) ? letThrough : refused).add(use);
    }

    /** The functions an attribute value names, with those named in their own attributes. */
    private static List<NameAttrList> calledFunctions(AttrValue value) {
        List<NameAttrList> called = new ArrayList<>();
        List<NameAttrList> pending = new ArrayList<>();
        if (value.hasFunc()) {
            pending.add(value.getFunc());
        }
        pending.addAll(value.getList().getFuncList());
        while (!pending.isEmpty()) {
            NameAttrList function = pending.remove(pending.size() - 1);
            called.add(function);
            for (AttrValue nested : function.getAttrMap().values()) {
                if (nested.hasFunc()) {
                    pending.add(nested.getFunc());
                }
                pending.addAll(nested.getList().getFuncList());
            }
        }
        return called;
    }

    private static UnsafeOpException refusal(String source, List<Use> refused) {
        Use first = refused.get(0);
        String opType = first.opType();
        OpAccess access = AllowedOps.access(opType).orElse(null);
        Set<String> types = new TreeSet<>();
        refused.forEach(use -> types.add(use.opType()));
        StringBuilder message = new StringBuilder().append(first).append(" is a ").append(opType).append(" op, which ")
                .append(access == null ? "is not on posebench's list of pure tensor ops" : access.description());
        if (refused.size() > 1) {
            message.append(" (also refused: ").append(listed(refused.subList(1, refused.size()), MAX_LISTED))
                    .append(")");
        }
        message.append("; posebench runs only pure tensor computations (docs/model-safety.md). If you trust this graph,"
                + " pass");
        types.forEach(type -> message.append(" --allow-op ").append(type));
        return new UnsafeOpException(source, first.qualifiedNode(), opType, access, List.copyOf(types),
                message.toString());
    }

    private static String listed(List<Use> uses, int limit) {
        List<String> shown = uses.stream().limit(limit).map(use -> use.opType() + " at " + use).toList();
        return String.join(", ", shown) + (uses.size() > limit ? ", ... (" + uses.size() + " in all)" : "");
    }

    private static Set<String> union(Set<String> a, Collection<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void log(String warning) {
        System.getLogger(OpPolicy.class.getName()).log(System.Logger.Level.WARNING, warning);
    }
}
