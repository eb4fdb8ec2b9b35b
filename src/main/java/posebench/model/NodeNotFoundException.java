package posebench.model;

import java.util.List;

/** The input or output node asked for is not in the graph; the message lists what the graph offers. */
public class NodeNotFoundException extends ModelException {

    private final String node;

    public NodeNotFoundException(String source, String role, String node, String offerRole, List<String> offered) {
        super(source, "no " + role + " node '" + node + "' in the graph; its " + offerRole + " are "
                + (offered.isEmpty() ? "(none)" : String.join(", ", offered)), null);
        this.node = node;
    }

    /** The missing node's name. */
    public String node() {
        return node;
    }
}
