package posebench.machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.opencv.core.Core;
import org.tensorflow.TensorFlow;

import posebench.image.ImageDecoder;
import posebench.io.Json;

/**
 * The machine and software a benchmark ran on: what a report shows beside the scores and what
 * history keys its trends by. Results from two machines with another {@link #fingerprint()}
 * compare machines, not builds.
 *
 * @param cpuModel  the processor's model name
 * @param isaFlags  the instruction-set extensions that change TensorFlow's and oneDNN's kernels
 * @param cores     processors available to the JVM
 * @param memoryBytes physical memory
 * @param os        operating system name, version and architecture
 * @param jdk       JVM name and version
 * @param tensorflow TensorFlow's native library version
 * @param opencv    OpenCV's version
 * @param ipp       whether OpenCV uses Intel IPP (it changes the bicubic resize)
 * @param commit    the posebench commit, or "unknown" outside a checkout
 * @param branch    its branch, or "unknown"
 * @param recordedAt when this was read
 */
public record MachineInfo(String cpuModel, List<String> isaFlags, int cores, long memoryBytes, String os, String jdk,
        String tensorflow, String opencv, boolean ipp, String commit, String branch, Instant recordedAt) {

    /** The flags worth showing: x86's vector and matrix extensions, arm64's. */
    private static final Set<String> ISA_FLAGS = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_bf16", "amx_int8",
            "asimd", "asimddp", "sve", "sve2", "bf16", "i8mm");

    /** The machine this JVM runs on, now. */
    public static MachineInfo current() {
        List<String> cpuinfo = cpuinfo();
        String model = field(cpuinfo, "model name", field(cpuinfo, "Model", System.getProperty("os.arch")));
        String flagLine = field(cpuinfo, "flags", field(cpuinfo, "Features", ""));
        List<String> flags = Arrays.stream(flagLine.split("\\s+")).filter(ISA_FLAGS::contains).sorted().toList();
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        ImageDecoder.ensureLoaded();
        return new MachineInfo(model, flags, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                TensorFlow.version(), Core.VERSION, Core.useIPP(),
                git("rev-parse", "HEAD"), git("rev-parse", "--abbrev-ref", "HEAD"), Instant.now());
    }

    /**
     * Identifies the machine and software, not the build or the time: the same on every run of
     * one box with one JDK, TensorFlow and OpenCV.
     */
    public String fingerprint() {
        String identity = String.join("\n", cpuModel, String.join(" ", isaFlags), Integer.toString(cores),
                Long.toString(memoryBytes), os, jdk, tensorflow, opencv, Boolean.toString(ipp));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** One line for a table header: model, cores, memory, ISA. */
    public String summary() {
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB, %s", cpuModel, cores, memoryBytes / (double) (1L << 30),
                isaFlags.isEmpty() ? "no vector ISA flags read" : String.join(" ", isaFlags));
    }

    /** Where the machine of JMH results file {@code results} is kept: {@code run.json} -> {@code run.machine.json}. */
    public static Path sidecarOf(Path results) {
        String name = results.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return results.resolveSibling(stem + ".machine.json");
    }

    /** Writes this beside {@code results} (see {@link #sidecarOf}). */
    public void writeBeside(Path results) {
        Json.write(sidecarOf(results), this);
    }

    /** The machine recorded beside {@code results}, or null when none was. */
    public static MachineInfo besideOrNull(Path results) {
        Path sidecar = sidecarOf(results);
        return Files.isRegularFile(sidecar) ? Json.read(sidecar, MachineInfo.class) : null;
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first {@code name : value} line's value in {@code /proc/cpuinfo}. */
    private static String field(List<String> lines, String name, String otherwise) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return otherwise;
    }

    /** One line of git's output in the working directory, or "unknown" (no git, no checkout). */
    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
                return out;
            }
            git.destroyForcibly();
        } catch (IOException e) {
            // No git on this machine.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
