package posebench.model;

import java.util.List;

/** The graph was compiled for AWS Inferentia: its NeuronOp nodes run only with the Neuron op library loaded. */
public class NeuronGraphException extends UnknownOpException {

    public NeuronGraphException(String source, String message, List<String> opTypes) {
        super(source, message, opTypes);
    }
}
