package posebench.flops;

import java.util.List;

/** Multiply-adds and parameters of a whole graph at one input size, layer by layer. */
public record ModelCost(int height, int width, List<LayerCost> layers) {

    public ModelCost {
        layers = List.copyOf(layers);
    }

    public long multiplyAdds() {
        return layers.stream().mapToLong(LayerCost::multiplyAdds).sum();
    }

    public long flops() {
        return layers.stream().mapToLong(LayerCost::flops).sum();
    }

    public long parameters() {
        return layers.stream().mapToLong(LayerCost::parameters).sum();
    }
}
