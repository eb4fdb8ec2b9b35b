package posebench.options;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum constant with the name users type for it: options, JMH params and file names spell it so. */
public interface Labelled {

    String label();

    /**
     * The constant of {@code type} labelled {@code label}, ignoring case and surrounding blanks;
     * the error names {@code what} was asked for and lists the valid labels.
     */
    static <E extends Enum<E> & Labelled> E lookup(Class<E> type, String what, String label) {
        for (E constant : type.getEnumConstants()) {
            if (constant.label().equalsIgnoreCase(label.strip())) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + label + "', expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Labelled::label).collect(Collectors.joining(", ")));
    }
}
