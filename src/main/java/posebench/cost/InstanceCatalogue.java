package posebench.cost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The instance types {@code posebench cost} knows, read from the {@code instances.csv} resource:
 * the article's seven inf1 and g4dn rows and a few 2-vCPU CPU instances.
 */
public final class InstanceCatalogue {

    private static final String RESOURCE = "instances.csv";
    private static final String HEADER = "name,usd_per_hour,vcpus,accelerator,article_s_per_image,article_parallel_fps";

    private final List<Instance> instances;

    private InstanceCatalogue(List<Instance> instances) {
        this.instances = List.copyOf(instances);
    }

    /** The catalogue shipped with posebench. */
    public static InstanceCatalogue load() {
        try (InputStream in = InstanceCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("posebench/cost/" + RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read posebench/cost/" + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses catalogue lines: '#' comments, the header, then one instance a line. */
    static InstanceCatalogue parse(List<String> lines) {
        List<Instance> instances = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) {
                    throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + ": expected the header " + HEADER);
                }
                header = true;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 6) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + ": expected 6 cells, got " + cells.length);
            }
            try {
                instances.add(new Instance(cells[0], Double.parseDouble(cells[1]), Integer.parseInt(cells[2]), cells[3],
                        optional(cells[4]), optional(cells[5])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new InstanceCatalogue(instances);
    }

    private static OptionalDouble optional(String cell) {
        return cell.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(cell));
    }

    public Instance byName(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown instance '" + name + "'; the catalogue has "
                        + String.join(", ", instances.stream().map(Instance::name).toList())));
    }

    /** The instance called {@code name}, if the catalogue has it. */
    public Optional<Instance> find(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The article's rows: its seven instances at their published seconds per image, then its data-parallel run. */
    public List<CostRow> articleRows() {
        List<CostRow> rows = new ArrayList<>();
        for (Instance i : instances) {
            i.articleSecondsPerImage().ifPresent(s -> rows.add(new CostRow(i.name(), "article", s, i.usdPerHour())));
        }
        for (Instance i : instances) {
            i.articleParallelFps().ifPresent(fps -> rows.add(
                    new CostRow(i.name(), "article, data parallel", 1 / fps, i.usdPerHour())));
        }
        return rows;
    }
}
