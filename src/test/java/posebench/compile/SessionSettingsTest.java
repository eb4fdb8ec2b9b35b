package posebench.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.OptimizerOptions.GlobalJitLevel;
import org.tensorflow.proto.RewriterConfig.Toggle;

class SessionSettingsTest {

    @Test
    void noneKeepsTensorFlowsDefaultsAndSetsThreads() {
        ConfigProto config = new SessionSettings(CompileVariant.NONE, 2, 1).toConfigProto();
        assertEquals(2, config.getIntraOpParallelismThreads());
        assertEquals(1, config.getInterOpParallelismThreads());
        assertEquals(GlobalJitLevel.DEFAULT, config.getGraphOptions().getOptimizerOptions().getGlobalJitLevel());
        assertEquals(Toggle.DEFAULT, config.getGraphOptions().getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16());
    }

    @Test
    void xlaTurnsOnAutoClusteringForTheCpu() {
        ConfigProto config = SessionSettings.of(CompileVariant.XLA).toConfigProto();
        assertEquals(GlobalJitLevel.ON_1, config.getGraphOptions().getOptimizerOptions().getGlobalJitLevel());
        assertTrue(config.getGraphOptions().getOptimizerOptions().getCpuGlobalJit());
        assertEquals(0, config.getIntraOpParallelismThreads(), "0 lets TensorFlow choose");
    }

    @Test
    void bf16TurnsOnOneDnnMixedPrecision() {
        ConfigProto config = SessionSettings.of(CompileVariant.BF16).toConfigProto();
        assertEquals(Toggle.ON, config.getGraphOptions().getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16());
        assertFalse(config.getGraphOptions().getOptimizerOptions().getCpuGlobalJit());
    }

    @Test
    void rejectsNegativeThreadCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SessionSettings(CompileVariant.NONE, -1, 0));
        assertTrue(e.getMessage().contains("intra-op -1"), e.getMessage());
    }
}
