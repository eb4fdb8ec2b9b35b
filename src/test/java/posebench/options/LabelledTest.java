package posebench.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import posebench.compile.CompileVariant;
import posebench.smoothing.Smoother;

class LabelledTest {

    @Test
    void findsAConstantByItsLabelIgnoringCaseAndBlanks() {
        assertEquals(Smoother.THRESHOLD, Labelled.lookup(Smoother.class, "smoother", " Threshold "));
        assertEquals(CompileVariant.BF16, CompileVariant.parse("BF16"));
    }

    @Test
    void anUnknownLabelListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Smoother.named("gauss"));
        assertEquals("unknown smoother 'gauss', expected one of depthwise, separable, threshold, fused", e.getMessage());
        assertEquals("unknown compile variant 'fp8', expected one of none, xla, bf16",
                assertThrows(IllegalArgumentException.class, () -> CompileVariant.parse("fp8")).getMessage());
    }
}
