package posebench.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import posebench.compile.CompileVariant;
import posebench.peaks.PeakDetectorKind;

class LabelledTest {

    @Test
    void findsAConstantByItsLabelIgnoringCaseAndBlanks() {
        assertEquals(PeakDetectorKind.THRESHOLD, Labelled.lookup(PeakDetectorKind.class, "smoother", " Threshold "));
        assertEquals(CompileVariant.BF16, CompileVariant.parse("BF16"));
    }

    @Test
    void anUnknownLabelListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeakDetectorKind.named("gauss"));
        assertEquals("unknown smoother 'gauss', expected one of depthwise, separable, threshold, fused", e.getMessage());
        assertEquals("unknown compile variant 'fp8', expected one of none, xla, bf16",
                assertThrows(IllegalArgumentException.class, () -> CompileVariant.parse("fp8")).getMessage());
    }
}
