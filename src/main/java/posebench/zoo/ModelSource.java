package posebench.zoo;

import java.nio.file.Path;

import posebench.model.ModelLoader;
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
        if (ModelZoo.isZooName(nameOrPath)) {
            return ModelLoader.validate(ModelZoo.generate(nameOrPath), nameOrPath, inputName, outputName);
        }
        return ModelLoader.load(Path.of(nameOrPath), inputName, outputName);
    }
}
