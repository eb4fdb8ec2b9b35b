package posebench.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * ONNX Runtime's JSON profile ({@code SessionOptions.enableProfiling}) read as per-node steps of
 * an {@link OpTrace}, under the TensorFlow node names the converter gave the ONNX nodes, so that
 * {@code posebench.flops}' FLOPs apply and the scope table compares with TensorFlow's op by op.
 *
 * <p>How an event becomes a step:
 * <ul>
 * <li>Each {@code model_run} session event is one run; a node's {@code *_kernel_time} events inside
 *     its time span belong to it. The first {@code skipRuns} runs (warm-ups) are dropped.</li>
 * <li>Names: ORT names a node it rewrote into its blocked NCHWc layout after the node's output
 *     tensor, {@code <tf node>:0_nchwc}; a fused node (convolution + batch norm + activation) is
 *     named after the last node it absorbed, as oneDNN's fusions are in TensorFlow's trace. Both map
 *     back to the TensorFlow node. Nodes ORT inserts itself (layout reorders) have no TensorFlow
 *     node; they go under {@value #ORT_SCOPE}{@code /<op type>}, one row per op type.</li>
 * <li>Time is the event's duration (CPU time: ORT runs on the CPU here); bytes are its
 *     {@code output_size}, the tensor it allocated.</li>
 * </ul>
 */
public final class OrtProfile {

    /** The scope of the nodes ONNX Runtime added to the graph. */
    public static final String ORT_SCOPE = "onnxruntime";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KERNEL = "_kernel_time";
    private static final String NCHWC = "_nchwc";

    private OrtProfile() {
    }

    /** Reads {@code file}; {@code graphNodes} are the TensorFlow graph's node names. */
    public static OpTrace read(Path file, Set<String> graphNodes, int skipRuns) {
        JsonNode events;
        try {
            events = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX Runtime's profile " + file + ": " + e.getMessage(), e);
        }
        if (events == null || !events.isArray()) {
            throw new IllegalArgumentException(file + " is not ONNX Runtime's profile (a JSON array of events)");
        }
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode event : events) {
            if ("Session".equals(event.path("cat").asText()) && "model_run".equals(event.path("name").asText())) {
                runs.add(event);
            }
        }
        runs.sort(Comparator.comparingLong(e -> e.path("ts").asLong()));
        if (runs.size() <= skipRuns) {
            throw new IllegalArgumentException(file + " holds " + runs.size() + " run(s), no more than the "
                    + skipRuns + " warm-up run(s)");
        }
        List<JsonNode> traced = runs.subList(skipRuns, runs.size());
        List<Map<String, OpTrace.Step>> perRun = new ArrayList<>();
        traced.forEach(r -> perRun.add(new LinkedHashMap<>()));
        for (JsonNode event : events) {
            String name = event.path("name").asText();
            if (!"Node".equals(event.path("cat").asText()) || !name.endsWith(KERNEL)) {
                continue;
            }
            int run = runOf(traced, event.path("ts").asLong());
            if (run < 0) {
                continue;
            }
            JsonNode args = event.path("args");
            String opType = args.path("op_name").asText();
            String node = graphName(name.substring(0, name.length() - KERNEL.length()), opType, graphNodes);
            OpTrace.Step step = new OpTrace.Step(node, opType, List.of(args.path("provider").asText("ORT")),
                    args.path("output_size").asLong(), 0, event.path("dur").asLong() * 1000);
            perRun.get(run).merge(node, step, OrtProfile::sum);
        }
        return OpTrace.ofSteps(perRun.stream().map(m -> (List<OpTrace.Step>) new ArrayList<>(m.values())).toList());
    }

    /** The TensorFlow name of an ORT node: its own, its {@code <tensor>_nchwc} rewrite's, or one under {@value #ORT_SCOPE}. */
    static String graphName(String ortName, String opType, Set<String> graphNodes) {
        String name = ortName.endsWith(NCHWC) ? ortName.substring(0, ortName.length() - NCHWC.length()) : ortName;
        name = name.endsWith(":0") ? name.substring(0, name.length() - 2) : name;
        if (graphNodes.contains(name)) {
            return name;
        }
        // A converter's helper node is named <tf node>/<step>.
        int slash = name.lastIndexOf('/');
        if (slash > 0 && graphNodes.contains(name.substring(0, slash))) {
            return name;
        }
        return ORT_SCOPE + "/" + opType;
    }

    private static int runOf(List<JsonNode> runs, long ts) {
        for (int i = 0; i < runs.size(); i++) {
            long start = runs.get(i).path("ts").asLong();
            if (ts >= start && ts <= start + runs.get(i).path("dur").asLong()) {
                return i;
            }
        }
        return -1;
    }

    private static OpTrace.Step sum(OpTrace.Step a, OpTrace.Step b) {
        return new OpTrace.Step(a.name(), a.opType(), a.devices(), a.bytes() + b.bytes(),
                a.acceleratorNanos() + b.acceleratorNanos(), a.cpuNanos() + b.cpuNanos());
    }
}
