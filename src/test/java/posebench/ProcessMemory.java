package posebench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.ObjectName;

/** This process's resident memory as Linux reports it in {@code /proc/self}. */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path SMAPS = Path.of("/proc/self/smaps");
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) ");
    private static final Pattern HEAP_RANGE = Pattern.compile("\\[0x([0-9a-f]+), 0x([0-9a-f]+)\\)");
    private static volatile long[] heapRange;

    private ProcessMemory() {
    }

    /** VmRSS: resident memory now, in bytes. */
    public static long residentBytes() {
        return statusField("VmRSS:");
    }

    /** VmHWM: the highest resident memory so far, in bytes. */
    public static long peakResidentBytes() {
        return statusField("VmHWM:");
    }

    /**
     * The resident part of the Java heap's address range. It grows without any leak, up to the
     * committed heap, as the collector first touches regions it had committed but not used.
     */
    public static long heapResidentBytes() {
        long[] heap = heapRange();
        long resident = 0;
        long start = 0;
        long end = 0;
        try {
            for (String line : Files.readAllLines(SMAPS)) {
                Matcher mapping = MAPPING.matcher(line);
                if (mapping.find()) {
                    start = Long.parseUnsignedLong(mapping.group(1), 16);
                    end = Long.parseUnsignedLong(mapping.group(2), 16);
                } else if (line.startsWith("Rss:") && start >= heap[0] && end <= heap[1]) {
                    resident += kilobytes(line, "Rss:");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SMAPS, e);
        }
        return resident;
    }

    /** The heap's reserved address range, from the JVM's own GC.heap_info report; it never moves. */
    private static long[] heapRange() {
        if (heapRange == null) {
            heapRange = readHeapRange();
        }
        return heapRange;
    }

    private static long[] readHeapRange() {
        String info;
        try {
            info = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcHeapInfo",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("the JVM gives no GC.heap_info", e);
        }
        Matcher range = HEAP_RANGE.matcher(info);
        if (!range.find()) {
            throw new IllegalStateException("no heap address range in GC.heap_info: " + info);
        }
        return new long[] {Long.parseUnsignedLong(range.group(1), 16), Long.parseUnsignedLong(range.group(2), 16)};
    }

    private static long statusField(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return kilobytes(line, name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS, e);
        }
        throw new IllegalStateException(STATUS + " has no " + name + " line");
    }

    private static long kilobytes(String line, String name) {
        return Long.parseLong(line.substring(name.length()).replace("kB", "").trim()) * 1024;
    }
}
