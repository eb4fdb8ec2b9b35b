package posebench.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompileVariantTest {

    @Test
    void parsesOptionValuesIgnoringCase() {
        assertEquals(CompileVariant.NONE, CompileVariant.parse("none"));
        assertEquals(CompileVariant.XLA, CompileVariant.parse("XLA"));
        assertEquals(CompileVariant.BF16, CompileVariant.parse(" bf16 "));
        assertEquals("bf16", CompileVariant.BF16.label());
    }

    @Test
    void unknownValueListsTheVariants() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompileVariant.parse("neuron"));
        assertTrue(e.getMessage().contains("'neuron'") && e.getMessage().contains("none, xla, bf16"), e.getMessage());
    }
}
