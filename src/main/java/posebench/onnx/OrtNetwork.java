package posebench.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

import posebench.model.ModelRunException;

/**
 * A converted tf-pose network in an ONNX Runtime session on the CPU: NHWC input batch in, raw
 * NHWC {@code [N, H/8, W/8, 57]} output out, as the TensorFlow graph computes it. Thread-safe
 * (ORT sessions are); {@link #close()} frees the native session.
 */
public final class OrtNetwork implements AutoCloseable {

    /** One run's output: NHWC floats and their shape. */
    public record Output(float[] data, long[] shape) {
    }

    private final OnnxModel model;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final boolean profiling;

    /**
     * With a profile prefix in the settings, ORT records every node of every run to
     * {@code <prefix>_<time>.json}, completed by {@link #endProfiling()}.
     */
    public OrtNetwork(OnnxModel model, OrtSettings settings) {
        this.model = model;
        this.profiling = settings.profilePrefix() != null;
        Path profilePrefix = settings.profilePrefix();
        try {
            session = settings.savedModel() ? openSaved(settings, profilePrefix) : open(settings, profilePrefix);
        } catch (OrtException e) {
            throw new ModelRunException(model.source(), "ONNX Runtime cannot load the converted model: "
                    + e.getMessage(), e);
        }
    }

    private OrtSession open(OrtSettings settings, Path profilePrefix) throws OrtException {
        try (SessionOptions options = options(settings, settings.optimization().level, profilePrefix)) {
            return environment.createSession(model.toByteArray(), options);
        }
    }

    /** ORT optimises once and writes the result; the session then runs that file as it is. */
    private OrtSession openSaved(OrtSettings settings, Path profilePrefix) throws OrtException {
        Path saved = null;
        try {
            saved = Files.createTempFile("posebench-ort-", ".onnx");
            try (SessionOptions options = options(settings, settings.optimization().level, null)) {
                options.setOptimizedModelFilePath(saved.toString());
                environment.createSession(model.toByteArray(), options).close();
            }
            try (SessionOptions options = options(settings, OptLevel.NO_OPT, profilePrefix)) {
                return environment.createSession(saved.toString(), options);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ORT's optimised model: " + e.getMessage(), e);
        } finally {
            deleteQuietly(saved);
        }
    }

    private static SessionOptions options(OrtSettings settings, OptLevel level, Path profilePrefix)
            throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(level);
            // ORT's warnings (e.g. that an optimised model holds CPU-specific ops) go to stderr unasked.
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            if (profilePrefix != null) {
                options.enableProfiling(profilePrefix.toString());
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary file left behind is harmless.
            }
        }
    }

    public OnnxModel model() {
        return model;
    }

    /** Runs {@code n} NHWC images of the model's input size, {@code batch} holding them one after the other. */
    public Output run(float[] batch, int n) {
        return run(FloatBuffer.wrap(batch), n);
    }

    /**
     * The same from the buffer's remaining floats. ONNX Runtime reads a direct buffer where it is,
     * such as a TensorFlow tensor's own memory; the floats of any other buffer it copies first.
     */
    public Output run(FloatBuffer batch, int n) {
        int length = batch.remaining();
        long[] shape = {n, model.height(), model.width(), length / Math.max(1, (long) n * model.height() * model.width())};
        if (n < 1 || shape[3] * n * model.height() * model.width() != length) {
            throw new IllegalArgumentException("input holds " + length + " floats, expected " + n + " x ["
                    + model.height() + ", " + model.width() + ", C]");
        }
        try (OnnxTensor input = OnnxTensor.createTensor(environment, batch, shape);
             OrtSession.Result result = session.run(Map.of(model.inputName(), input))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            FloatBuffer values = output.getFloatBuffer();
            float[] data = new float[values.remaining()];
            values.get(data);
            return new Output(data, output.getInfo().getShape());
        } catch (OrtException e) {
            throw new ModelRunException(model.source(), "ONNX Runtime cannot run the converted model: "
                    + e.getMessage(), e);
        }
    }

    /** Whether ORT profiles this session's runs. */
    public boolean profiling() {
        return profiling;
    }

    /** Stops profiling and returns ORT's JSON profile. */
    public Path endProfiling() {
        try {
            return Path.of(session.endProfiling());
        } catch (OrtException e) {
            throw new ModelRunException(model.source(), "ONNX Runtime cannot write its profile: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelRunException(model.source(), "ONNX Runtime cannot close its session: " + e.getMessage(), e);
        }
    }
}
