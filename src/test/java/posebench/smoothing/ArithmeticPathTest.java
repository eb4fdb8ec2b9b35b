package posebench.smoothing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The environments in which {@code mvn test} runs the exactness tests again (pom.xml's
 * {@code onednn-off} and {@code onednn-avx2} executions) really run other depthwise kernels.
 * Each is probed in a child JVM ({@link DepthwiseProbe}) with {@code ONEDNN_VERBOSE=1}, which names
 * the oneDNN kernel of every convolution. What holds on any CPU is asserted: with oneDNN off no
 * oneDNN kernel runs the depthwise op; capped at AVX2, no AVX-512 kernel does. Whether the values
 * differ depends on the CPU (here the Eigen kernel rounds differently, the AVX2 kernel does not),
 * so that is printed, not asserted.
 */
class ArithmeticPathTest {

    /** What one child JVM ran: the oneDNN kernel of the depthwise op (empty if none) and the hash of its output. */
    record Probe(Optional<String> kernel, String bits) {
    }

    @Test
    void theExtraTestEnvironmentsRunOtherKernels() throws Exception {
        Probe plain = probe(Map.of());
        Probe off = probe(Map.of("TF_ENABLE_ONEDNN_OPTS", "0"));
        Probe avx2 = probe(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"));
        System.out.printf("depthwise kernel: default %s, TF_ENABLE_ONEDNN_OPTS=0 %s (values %s), "
                        + "ONEDNN_MAX_CPU_ISA=AVX2 %s (values %s)%n",
                plain.kernel().orElse("not oneDNN"), off.kernel().orElse("not oneDNN (Eigen)"),
                off.bits().equals(plain.bits()) ? "same as default" : "differ from default",
                avx2.kernel().orElse("not oneDNN"), avx2.bits().equals(plain.bits()) ? "same as default" : "differ from default");
        assertEquals(Optional.empty(), off.kernel(), "TF_ENABLE_ONEDNN_OPTS=0 must leave oneDNN out");
        avx2.kernel().ifPresent(k -> assertFalse(k.contains("avx512"), "capped at AVX2, oneDNN ran " + k));
    }

    private static Probe probe(Map<String, String> environment) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DepthwiseProbe.class.getName()).redirectErrorStream(true);
        builder.environment().remove("TF_ENABLE_ONEDNN_OPTS");
        builder.environment().remove("ONEDNN_MAX_CPU_ISA");
        builder.environment().putAll(environment);
        builder.environment().put("ONEDNN_VERBOSE", "1");
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "probe " + environment + " did not finish");
        assertEquals(0, process.exitValue(), () -> "probe " + environment + " failed:\n" + String.join("\n", lines));
        String bits = lines.stream().filter(l -> l.startsWith(DepthwiseProbe.BITS)).findFirst()
                .orElseThrow(() -> new AssertionError("probe " + environment + " printed no values:\n" + String.join("\n", lines)));
        // e.g. onednn_verbose,primitive,exec,cpu,convolution,brdgmm_dw:avx512_core,forward_training,...,g19mb1_ic19oc19_...
        Optional<String> kernel = lines.stream()
                .filter(l -> l.startsWith("onednn_verbose") && l.contains(",exec,") && l.contains("g19mb1"))
                .map(l -> {
                    String[] fields = l.split(",");
                    for (int i = 0; i + 1 < fields.length; i++) {
                        if (fields[i].equals("convolution")) {
                            return fields[i + 1];
                        }
                    }
                    return l;
                })
                .findFirst();
        return new Probe(kernel, bits.substring(DepthwiseProbe.BITS.length()));
    }
}
