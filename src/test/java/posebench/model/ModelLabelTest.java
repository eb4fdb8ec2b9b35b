package posebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelLabelTest {

    @Test
    void labelsZooNamesPathsAndTfPoseLayouts() {
        assertEquals("cmu", ModelLabel.of("cmu"));
        assertEquals("mobilenet_v2_small", ModelLabel.of("../shared/models/tf-pose/mobilenet_v2_small/graph_opt.pb"));
        assertEquals("mobilenet_thin", ModelLabel.of("models/mobilenet_thin/graph.pbtxt"));
        assertEquals("mobilenet_thin", ModelLabel.of("models/mobilenet_thin/graph_freeze.pb/"));
        assertEquals("my net", ModelLabel.of("/tmp/my net.pb"));
        assertEquals("graph_opt", ModelLabel.of("graph_opt.pb"));
        assertEquals("evil", ModelLabel.of("C:\\models\\evil.pb"));
    }
}
