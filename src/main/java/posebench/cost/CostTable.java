package posebench.cost;

import java.util.List;
import java.util.Locale;

/** The article's cost table as Markdown: s/image, FPS, time and dollars for 1000 images per row. */
public final class CostTable {

    private CostTable() {
    }

    public static String markdown(List<CostRow> rows) {
        StringBuilder table = new StringBuilder();
        table.append("| instance | run | s/image | FPS | 1000 images | $/h | $/1000 images |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (CostRow r : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.2f | %.1f s | %.3f | %.4f |%n", r.instance(),
                    r.run(), r.secondsPerImage(), r.fps(), r.secondsPer1000Images(), r.usdPerHour(), r.usdPer1000Images()));
        }
        return table.toString();
    }
}
