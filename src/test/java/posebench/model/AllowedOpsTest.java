package posebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.OpDef;

/** The allowlist and the deny map against this TensorFlow's registered ops. */
class AllowedOpsTest {

    /** The stateful ops the list allows, as AllowedOps's documentation names them. */
    private static final Set<String> STATEFUL_ALLOWED = Set.of("CheckNumerics", "CheckNumericsV2", "If", "While",
            "Case", "StatefulPartitionedCall", "RandomUniform", "RandomStandardNormal", "TruncatedNormal");

    private static final Map<String, OpDef> REGISTERED = TensorFlow.registeredOpList().getOpList().stream()
            .collect(Collectors.toMap(OpDef::getName, Function.identity()));

    @Test
    void everyListedOpIsRegisteredAndNoneIsDenied() {
        for (String op : AllowedOps.all()) {
            assertTrue(REGISTERED.containsKey(op), op + " is not an op of this TensorFlow: a typo?");
            assertTrue(AllowedOps.access(op).isEmpty(), op + " is both allowed and denied");
        }
        for (String op : AllowedOps.denied().keySet()) {
            assertTrue(REGISTERED.containsKey(op), op + " is not an op of this TensorFlow: a typo?");
            assertFalse(AllowedOps.contains(op), op);
        }
    }

    /**
     * TensorFlow marks ops with side effects stateful: every I/O op it has is among them (with
     * ReadFile, MatchingFiles and ImmutableConst as exceptions, hence an allowlist and not a
     * filter on this flag). The list allows only the stateful ops it documents.
     */
    @Test
    void theOnlyStatefulOpsAllowedAreTheDocumentedOnes() {
        Set<String> stateful = AllowedOps.all().stream().filter(op -> REGISTERED.get(op).getIsStateful())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(STATEFUL_ALLOWED), stateful);
    }

    @Test
    void dangerousFamiliesHaveTheirReason() {
        assertEquals(OpAccess.FILE_SYSTEM, AllowedOps.access("TFRecordDatasetV2").orElseThrow());
        assertEquals(OpAccess.FILE_SYSTEM, AllowedOps.access("TextLineReaderV2").orElseThrow());
        assertEquals(OpAccess.PROCESS, AllowedOps.access("PyFunc").orElseThrow());
        assertEquals(OpAccess.NETWORK, AllowedOps.access("CollectiveBcastSendV2").orElseThrow());
        assertEquals(OpAccess.STATE, AllowedOps.access("MutableHashTableV2").orElseThrow());
        assertTrue(AllowedOps.access("ExtractImagePatches").isEmpty(), "a pure op off the list has no reason");
    }
}
