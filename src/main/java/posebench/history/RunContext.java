package posebench.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import posebench.machine.MachineInfo;

/**
 * What a recorded run is kept with besides its results: its id, the build and machine that
 * measured it, when, and what the machine costs.
 *
 * @param runId      SHA-256 of the results file's bytes, so one file is one run however often it is recorded
 * @param machine    the machine and software; its commit and branch are the build's
 * @param measuredAt when the run was measured: the machine file's time, else the results file's modification time
 * @param instance   the cloud instance type it ran on, or null
 * @param usdPerHour the machine's price per hour, or null when unknown
 * @param source     the results file as given
 */
public record RunContext(String runId, MachineInfo machine, Instant measuredAt, String instance, Double usdPerHour,
        String source) {

    /** The context of {@code results} measured on {@code machine}, at its machine file's time or the file's. */
    public static RunContext of(Path results, MachineInfo machine, boolean machineFromFile, String instance,
            Double usdPerHour) {
        try {
            Instant measured = machineFromFile ? machine.recordedAt()
                    : Files.getLastModifiedTime(results).toInstant();
            return new RunContext(runId(Files.readAllBytes(results)), machine, measured, instance, usdPerHour,
                    results.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + results + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of a results file's content. */
    public static String runId(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
