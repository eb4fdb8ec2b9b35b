package posebench.bench.upsample;

import java.util.List;
import java.util.SplittableRandom;
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

import posebench.bench.maps.StageGraph;
import posebench.estimator.PipelineOptions;
import posebench.maps.FeatureMaps;
import posebench.model.PoseModel;
import posebench.pose.CocoPart;
import posebench.upsample.AreaUpsampling;

/**
 * tf-pose's upsampling alone: the area resize of a network output ([H/8, W/8, 57] for network
 * input {@code resize}, seeded random values) into 19 heatmaps and 38 PAFs, ratio 4, copied to Java.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class UpsampleBenchmark {

    private static final long SEED = 3;

    @Param(PipelineOptions.DEFAULT_SIZE)
    public String resize;

    private FeatureMaps networkOutput;
    private StageGraph upsampling;

    @Setup(Level.Trial)
    public void setUp() {
        int[] size = PipelineOptions.parseSize(resize);
        PipelineOptions options = PipelineOptions.DEFAULTS.withTargetSize(size[0], size[1]);
        if (size[0] % 8 != 0 || size[1] % 8 != 0) {
            throw new IllegalArgumentException("resize " + resize + ": width and height must be multiples of 8,"
                    + " the network's stride");
        }
        networkOutput = FeatureMaps.zeros(size[1] / 8, size[0] / 8, PoseModel.OUTPUT_CHANNELS);
        SplittableRandom random = new SplittableRandom(SEED);
        float[] data = networkOutput.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble(-0.5, 1);
        }
        upsampling = new StageGraph(networkOutput.height(), networkOutput.width(), networkOutput.channels(),
                (tf, output) -> {
                    AreaUpsampling up = AreaUpsampling.append(tf, output, options.heatmapHeight(), options.heatmapWidth());
                    return List.of(up.heatmaps(), up.pafs());
                });
        checkReplicates(upsample());
    }

    /** Upsampling by 4, a power of two, copies every network cell into a 4x4 block, bit for bit. */
    private void checkReplicates(List<FeatureMaps> maps) {
        FeatureMaps heat = maps.get(0);
        FeatureMaps paf = maps.get(1);
        for (int y = 0; y < heat.height(); y++) {
            for (int x = 0; x < heat.width(); x++) {
                for (int c = 0; c < PoseModel.OUTPUT_CHANNELS; c++) {
                    float got = c < CocoPart.HEATMAP_CHANNELS ? heat.get(y, x, c)
                            : paf.get(y, x, c - CocoPart.HEATMAP_CHANNELS);
                    float want = networkOutput.get(y / 4, x / 4, c);
                    if (got != want) {
                        throw new IllegalStateException("area upsampling at (" + y + ", " + x + ", " + c + ") gave "
                                + got + ", expected the network cell's " + want);
                    }
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        upsampling.close();
    }

    @Benchmark
    public List<FeatureMaps> upsample() {
        return upsampling.run(networkOutput);
    }
}
