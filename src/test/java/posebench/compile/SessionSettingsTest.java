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
        if (SessionSettings.bfloat16Unavailable().isPresent()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SessionSettings.of(CompileVariant.BF16).toConfigProto());
            assertTrue(e.getMessage().contains(SessionSettings.MAX_ISA_VARIABLE), e.getMessage());
            return;
        }
        ConfigProto config = SessionSettings.of(CompileVariant.BF16).toConfigProto();
        assertEquals(Toggle.ON, config.getGraphOptions().getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16());
        assertFalse(config.getGraphOptions().getOptimizerOptions().getCpuGlobalJit());
    }

    @Test
    void bf16NeedsOneDnnUncappedOrCappedAtABfloat16Isa() {
        assertTrue(SessionSettings.bfloat16Unavailable(null).isEmpty());
        assertTrue(SessionSettings.bfloat16Unavailable("AVX512_CORE_BF16").isEmpty());
        assertTrue(SessionSettings.bfloat16Unavailable("avx512_core_amx").isEmpty());
        String reason = SessionSettings.bfloat16Unavailable("avx2").orElseThrow();
        assertTrue(reason.contains("ONEDNN_MAX_CPU_ISA=avx2") && reason.contains("none or xla"), reason);
        assertTrue(SessionSettings.bfloat16Unavailable("AVX512_CORE").isPresent());
    }

    @Test
    void rejectsNegativeThreadCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SessionSettings(CompileVariant.NONE, -1, 0));
        assertTrue(e.getMessage().contains("intra-op -1"), e.getMessage());
    }
}
