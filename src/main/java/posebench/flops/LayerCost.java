package posebench.flops;

import java.util.List;

/**
 * The cost of one op of a graph at one input size, with the parameters of the element-wise ops
 * that follow it (bias, batch norm), which grappler fuses into it.
 *
 * @param name node name
 * @param opType TensorFlow op type
 * @param outputShape static shape of output 0
 * @param multiplyAdds multiply-accumulates (convolutions, matrix products, resize interpolation)
 * @param otherOps operations that are not multiply-adds (pooling comparisons and sums)
 * @param parameters weight elements read by this op and the element-wise ops it feeds
 */
public record LayerCost(String name, String opType, List<Long> outputShape, long multiplyAdds, long otherOps,
        long parameters) {

    public LayerCost {
        outputShape = List.copyOf(outputShape);
    }

    /** Floating-point operations: two per multiply-add plus the others. */
    public long flops() {
        return 2 * multiplyAdds + otherOps;
    }

    LayerCost withParameters(long added) {
        return new LayerCost(name, opType, outputShape, multiplyAdds, otherOps, Math.addExact(parameters, added));
    }
}
