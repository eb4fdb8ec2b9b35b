package posebench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import posebench.estimator.PipelineOptions;
import posebench.peaks.PeakDetectorKind;

class ProfileNameTest {

    @Test
    void pipelineNamesSpellOutEveryParameterThatDiffers() {
        String model = "/work/shared/models/tf-pose/mobilenet_v2_small/graph_opt.pb";
        // tf-pose's smoother is depthwise: the default (fused) is spelled out, depthwise is not.
        assertEquals("trace-mobilenet_v2_small-432x368-f25-none-fused",
                ProfileName.pipeline("trace", model, PipelineOptions.DEFAULTS, "none"));
        assertEquals("trace-mobilenet_v2_small-432x368-f25-none",
                ProfileName.pipeline("trace", model, PipelineOptions.DEFAULTS.withSmoother(PeakDetectorKind.DEPTHWISE), "none"));
        assertEquals("trace-mobilenet_v2_small-656x368-f5-xla-threshold-r2.5-s1",
                ProfileName.pipeline("trace", model, PipelineOptions.DEFAULTS.withTargetSize(656, 368)
                        .withFilterSize(5).withResizeOutRatio(2.5).withSigma(1).withSmoother(PeakDetectorKind.THRESHOLD), "xla"));
        assertEquals("trace-cmu-432x368-f25-bf16", ProfileName.pipeline("trace", "cmu",
                PipelineOptions.DEFAULTS.withSmoother(PeakDetectorKind.DEPTHWISE), "bf16"));
    }

    @Test
    void modelNamesFromPaths() {
        assertEquals("mobilenet_thin", ProfileName.modelName("models/mobilenet_thin/graph.pbtxt"));
        assertEquals("my_net", ProfileName.modelName("/tmp/my net.pb"));
        assertEquals("graph_opt", ProfileName.modelName("graph_opt.pb"));
    }

    @Test
    void benchmarkNamesCarryModeAndParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("compile", "none");
        params.put("model", "../shared/models/tf-pose/mobilenet_v2_small/graph_opt.pb");
        assertEquals("flame-InferenceBenchmark.infer-avgt-compile-none-model-mobilenet_v2_small",
                ProfileName.benchmark("flame", JmhParams.benchmark("posebench.bench.InferenceBenchmark.infer", params)));
    }
}
