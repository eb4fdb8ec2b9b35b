package posebench.report;

import static j2html.TagCreator.each;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.iff;
import static j2html.TagCreator.table;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.tr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import j2html.tags.DomContent;

import posebench.machine.MachineInfo;

/**
 * The machine each run measured, as recorded beside its results file. A run without one says so: the
 * report never puts the machine it happens to run on in its place.
 */
final class MachineSection implements ReportSection {

    private final List<RunFile> runs;

    MachineSection(List<RunFile> runs) {
        this.runs = List.copyOf(runs);
    }

    @Override
    public String id() {
        return "machine";
    }

    @Override
    public String title() {
        return "The machine";
    }

    @Override
    public DomContent body() {
        long machines = runs.stream().map(RunFile::machine).filter(Objects::nonNull).map(MachineInfo::fingerprint)
                .distinct().count();
        return each(
                iff(machines > 1, Html.note("these runs were measured on " + machines + " different machines or software"
                        + " set-ups (their fingerprints differ): ratios between them compare machines, not builds")),
                each(runs, run -> each(h3(run.path().getFileName().toString()), machine(run))));
    }

    private static DomContent machine(RunFile run) {
        MachineInfo m = run.machine();
        if (m == null) {
            return Html.note("The machine was not recorded for " + run.path() + ": there is no "
                    + MachineInfo.sidecarOf(run.path()).getFileName() + " beside it, so this report cannot say what"
                    + " the run measured. Record it right after a run with: bin/posebench machine --beside " + run.path());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("CPU", m.cpuModel());
        fields.put("Vector and matrix ISA", isa(m.isaFlags()));
        fields.put("ISA flags", m.isaFlags().isEmpty() ? "none read" : String.join(" ", m.isaFlags()));
        fields.put("Cores", Integer.toString(m.cores()));
        fields.put("Memory", String.format(Locale.ROOT, "%.1f GiB", m.memoryBytes() / (double) (1L << 30)));
        fields.put("OS", m.os());
        fields.put("JDK", m.jdk());
        fields.put("TensorFlow", m.tensorflow());
        fields.put("OpenCV", m.opencv());
        fields.put("Intel IPP in OpenCV", m.ipp() ? "on" : "off");
        fields.put("Commit", m.commit() + " (" + m.branch() + ")");
        fields.put("Recorded", String.valueOf(m.recordedAt()));
        fields.put("Fingerprint", m.fingerprint());
        return table(each(fields, (name, value) -> tr(th(name), td(value)))).withClass("machine");
    }

    /** Which of the extensions that change TensorFlow's kernels the CPU has. */
    private static String isa(List<String> flags) {
        return "AVX2 " + (flags.contains("avx2") ? "yes" : "no")
                + ", AVX-512 " + (flags.contains("avx512f") ? "yes" : "no")
                + ", AMX " + (flags.stream().anyMatch(f -> f.startsWith("amx")) ? "yes" : "no");
    }
}
