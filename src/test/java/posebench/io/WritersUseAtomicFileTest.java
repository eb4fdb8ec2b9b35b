package posebench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every file posebench writes goes through {@link AtomicFile}: each call that writes a file in
 * the main and benchmark sources must sit inside an {@code AtomicFile.write(...)} or
 * {@code AtomicFile.writeString(...)} call (writing its temporary), or in AtomicFile itself,
 * or in one of the few writers with a protocol of their own.
 */
class WritersUseAtomicFileTest {

    private static final List<Path> SOURCE_ROOTS = List.of(Path.of("src/main/java"), Path.of("src/jmh/java"));

    /** Calls that create or write files: JDK, Jackson, OpenCV, ImageIO, JFreeChart, async-profiler. */
    private static final Pattern WRITES = Pattern.compile(String.join("|",
            "Files\\.(write|writeString|newOutputStream|newBufferedWriter|newByteChannel|copy|move)\\s*\\(",
            "new\\s+(FileOutputStream|FileWriter|RandomAccessFile)\\s*\\(",
            "FileChannel\\.open\\s*\\(",
            "ImageIO\\.write\\s*\\(",
            "Imgcodecs\\.imwrite\\s*\\(",
            "ChartUtils\\.saveChartAs\\w*\\s*\\(",
            "\\.writeValue\\s*\\(\\s*(new\\s+File\\b|[\\w.]*\\.toFile\\(\\)|\\w*(?i:file|path)\\w*\\s*,)",
            "\"[^\"\\n]*\\bfile="));

    private static final Pattern ATOMIC_CALL = Pattern.compile("AtomicFile\\.write(String)?\\s*\\(");

    /**
     * Writers with their own guarantee for an interrupted run, tested where they are. A
     * throughput run's JSON-lines output grows while the run goes, one whole line per unbuffered
     * write; resuming cuts a partial last line.
     */
    private static final Set<String> OWN_PROTOCOL = Set.of("JsonLinesOutput.java");

    @Test
    void everyFileWriteGoesThroughAtomicFile() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Path root : SOURCE_ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> sources = Files.walk(root)) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String name = source.getFileName().toString();
                    if (name.equals("AtomicFile.java") || OWN_PROTOCOL.contains(name)) {
                        continue;
                    }
                    checked++;
                    violations.addAll(unwrappedWrites(source, Files.readString(source)));
                }
            }
        }
        assertTrue(checked > 0, "no sources found under " + SOURCE_ROOTS + " from " + Path.of("").toAbsolutePath());
        assertEquals(List.of(), violations, "file writes outside AtomicFile");
    }

    /** The rule catches a direct write and accepts the same write of the temporary. */
    @Test
    void theScanTellsWrappedFromDirectWrites() {
        String direct = "class A { void f(Path p) throws IOException { Files.writeString(p, \"x\"); } }";
        String wrapped = "class B { void f(Path p) { AtomicFile.write(p, tmp -> Files.writeString(tmp, \"(x\")); } }";
        String commented = "class C { // Files.write(p, bytes) would not be atomic\n }";
        String profiler = "class D { void f() { profiler.execute(\"stop,file=\" + out); } }";
        assertEquals(1, unwrappedWrites(Path.of("A.java"), direct).size());
        assertEquals(List.of(), unwrappedWrites(Path.of("B.java"), wrapped));
        assertEquals(List.of(), unwrappedWrites(Path.of("C.java"), commented));
        assertEquals(1, unwrappedWrites(Path.of("D.java"), profiler).size());
    }

    static List<String> unwrappedWrites(Path source, String text) {
        String code = blank(text, false);
        String skeleton = blank(text, true);
        List<int[]> atomicSpans = new ArrayList<>();
        Matcher atomic = ATOMIC_CALL.matcher(skeleton);
        while (atomic.find()) {
            atomicSpans.add(new int[] {atomic.end() - 1, closingParen(skeleton, atomic.end() - 1)});
        }
        List<String> violations = new ArrayList<>();
        Matcher write = WRITES.matcher(code);
        while (write.find()) {
            int at = write.start();
            if (atomicSpans.stream().noneMatch(span -> span[0] < at && at < span[1])) {
                int line = (int) code.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                violations.add(source + ":" + line + ": " + write.group().trim());
            }
        }
        return violations;
    }

    /** Index of the parenthesis closing the one at {@code open}, in text without strings or comments. */
    private static int closingParen(String skeleton, int open) {
        int depth = 0;
        for (int i = open; i < skeleton.length(); i++) {
            char c = skeleton.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return skeleton.length();
    }

    /** Blanks comments, and string and char literal contents too when asked, keeping every offset. */
    private static String blank(String text, boolean literals) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end;
            if (text.startsWith("//", i)) {
                end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? text.length() : end + 3;
                if (literals) {
                    for (int k = i + 3; k < end - 3; k++) {
                        out.setCharAt(k, text.charAt(k) == '\n' ? '\n' : ' ');
                    }
                }
                i = end;
                continue;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
                if (literals) {
                    for (int k = i + 1; k < end - 1; k++) {
                        out.setCharAt(k, text.charAt(k) == '\n' ? '\n' : ' ');
                    }
                }
                i = end;
                continue;
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                out.setCharAt(k, text.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }
}
