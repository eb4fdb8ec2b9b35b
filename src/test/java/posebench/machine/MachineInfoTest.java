package posebench.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineInfoTest {

    @Test
    void describesThisJvmsMachine() {
        MachineInfo machine = MachineInfo.current();
        assertEquals(Runtime.getRuntime().availableProcessors(), machine.cores());
        assertTrue(machine.memoryBytes() > 0);
        assertFalse(machine.tensorflow().isBlank());
        assertTrue(machine.opencv().matches("\\d+\\.\\d+.*"), machine.opencv());
        assertEquals(machine.fingerprint(), MachineInfo.current().fingerprint(), "the same machine twice");
    }

    @Test
    void fingerprintIgnoresBuildAndTimeButNotHardware() {
        MachineInfo a = sample("abc", Instant.EPOCH, 2);
        assertEquals(a.fingerprint(), sample("def", Instant.now(), 2).fingerprint());
        assertNotEquals(a.fingerprint(), sample("abc", Instant.EPOCH, 4).fingerprint());
    }

    @Test
    void roundTripsBesideItsResults(@TempDir Path dir) {
        Path results = dir.resolve("run.json");
        assertEquals(dir.resolve("run.machine.json"), MachineInfo.sidecarOf(results));
        assertNull(MachineInfo.besideOrNull(results));
        MachineInfo machine = sample("abc", Instant.parse("2026-12-01T08:00:00Z"), 2);
        machine.writeBeside(results);
        assertEquals(machine, MachineInfo.besideOrNull(results));
    }

    private static MachineInfo sample(String commit, Instant at, int cores) {
        return new MachineInfo("AMD EPYC", List.of("avx2", "fma"), cores, 24L << 30, "Linux 6.1 amd64", "OpenJDK 17",
                "2.18.0", "4.9.0", true, commit, "main", at);
    }
}
