package posebench.throughput;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.tensorflow.proto.ConfigProto;

import posebench.estimator.Detections;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.maps.FeatureMaps;
import posebench.model.PoseModel;
import posebench.onnx.OrtSettings;
import posebench.pose.Human;
import posebench.peaks.PeakDetectorKind;

/**
 * Runs the whole pipeline (decode, resize, network and post-processing ops, PAF assembly) over
 * many images with one estimator, hence one TensorFlow session, per worker.
 *
 * <p>Not pipelined, each worker does every stage of its next batch in turn. Pipelined, decoding
 * and resizing, inference and PAF assembly run on their own threads joined by bounded queues:
 * the Java stages overlap inference, and a full queue blocks the stage before it, so memory stays
 * bounded however many images there are. Either way every input gets exactly one result, and a
 * failing image gives an error result without stopping the run.
 *
 * <p>Interrupting the thread in {@link #run} cancels the run: it stops every stage, waits for
 * the session runs in flight, and returns a summary marked cancelled; no result is delivered
 * after it returns. The runner owns its estimators and closes them in {@link #close()}.
 */
public final class ThroughputRunner implements AutoCloseable {

    /** Queue slots per batch in flight and worker: two, so a stage can fill one while the next drains one. */
    private static final int SLOTS_PER_BATCH = 2;

    private final List<PoseEstimator> estimators;
    private final int batch;
    private final boolean pipelined;

    /**
     * A runner with one estimator (TensorFlow session) per worker, all from the same model,
     * options and session configuration.
     */
    public static ThroughputRunner create(PoseModel model, PipelineOptions options, ConfigProto session,
                                          int workers, int batch, boolean pipelined) {
        return create(model, options, session, OrtSettings.DEFAULTS, workers, batch, pipelined);
    }

    /** As above, with ONNX Runtime's settings for options whose runtime is ONNX. */
    public static ThroughputRunner create(PoseModel model, PipelineOptions options, ConfigProto session, OrtSettings ort,
                                          int workers, int batch, boolean pipelined) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        List<PoseEstimator> estimators = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                estimators.add(new PoseEstimator(model, options, session, ort));
            }
            return new ThroughputRunner(estimators, batch, pipelined);
        } catch (RuntimeException e) {
            estimators.forEach(PoseEstimator::close);
            throw e;
        }
    }

    /**
     * @param estimators one per worker, all with the same pipeline options; the runner closes them
     * @param batch      images per session run
     * @param pipelined  whether the stages run on their own threads
     */
    public ThroughputRunner(List<PoseEstimator> estimators, int batch, boolean pipelined) {
        if (estimators.isEmpty()) {
            throw new IllegalArgumentException("a throughput run needs at least one worker");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.estimators = List.copyOf(estimators);
        this.batch = batch;
        this.pipelined = pipelined;
    }

    public RunSummary run(List<ImageInput> inputs, ResultSink sink) {
        return new Run(inputs, sink).execute();
    }

    /**
     * Runs one batch of blank images through every stage and session: OpenCV loads its native
     * library at the first image, and TensorFlow optimises the graph and creates its kernels at
     * the first run, which take seconds and are no part of steady throughput.
     */
    public void warmUp() {
        BgrImage blank = new BgrImage(new byte[8 * 8 * 3], 8, 8);
        for (PoseEstimator estimator : estimators) {
            List<float[]> inputs = Collections.nCopies(batch, estimator.preprocess(blank));
            if (estimator.options().smoother() == PeakDetectorKind.FUSED) {
                estimator.postProcess(estimator.infer(inputs).get(0));
            } else {
                estimator.assemble(estimator.detectFromInputs(inputs).get(0));
            }
        }
    }

    /** Closes the estimators, waiting for session runs in flight. */
    @Override
    public void close() {
        estimators.forEach(PoseEstimator::close);
    }

    /** A preprocessed input waiting for inference; {@code start} is when its decoding began. */
    private record Prepared(ImageInput input, float[] tensor, long start) {
    }

    /**
     * An input's detections waiting for PAF assembly, or with the fused smoother its raw network
     * output waiting for all of post-processing.
     */
    private record Detected(Prepared prepared, Detections detections, FeatureMaps networkOutput) {
    }

    private static final Prepared END_OF_INPUTS = new Prepared(null, null, 0);
    private static final Detected END_OF_DETECTIONS = new Detected(null, null, null);

    /** The state of one call to {@link #run}. */
    private final class Run {

        private final List<ImageInput> inputs;
        private final ResultSink sink;
        private final AtomicInteger cursor = new AtomicInteger();
        private final AtomicInteger succeeded = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final Histogram latencyMicros = new ConcurrentHistogram(3);

        Run(List<ImageInput> inputs, ResultSink sink) {
            this.inputs = inputs;
            this.sink = sink;
        }

        RunSummary execute() {
            List<Worker> tasks = pipelined ? pipelinedTasks() : sequentialTasks();
            ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), daemonThreads());
            long cpuStart = processCpuNanos();
            long wallStart = System.nanoTime();
            boolean cancelled = false;
            boolean interrupted = false;
            try {
                CompletionService<Void> done = new ExecutorCompletionService<>(pool);
                for (Worker task : tasks) {
                    done.submit(() -> {
                        task.work();
                        return null;
                    });
                }
                for (int i = 0; i < tasks.size(); i++) {
                    done.take().get();
                }
            } catch (InterruptedException e) {
                cancelled = true;
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            } finally {
                pool.shutdownNow();
                interrupted = awaitTermination(pool);
            }
            if (cancelled || interrupted) {
                Thread.currentThread().interrupt();
            }
            return new RunSummary(succeeded.get(), failed.get(), System.nanoTime() - wallStart,
                    processCpuNanos() - cpuStart, Runtime.getRuntime().availableProcessors(),
                    latencyMicros.copy(), cancelled);
        }

        /** Each worker claims the next batch of inputs and takes it through every stage. */
        private List<Worker> sequentialTasks() {
            List<Worker> tasks = new ArrayList<>();
            for (PoseEstimator estimator : estimators) {
                tasks.add(() -> {
                    int from;
                    while ((from = cursor.getAndAdd(batch)) < inputs.size()) {
                        List<Prepared> items = new ArrayList<>(batch);
                        for (ImageInput input : inputs.subList(from, Math.min(inputs.size(), from + batch))) {
                            Prepared p = prepare(estimator, input);
                            if (p != null) {
                                items.add(p);
                            }
                        }
                        for (Detected d : detect(estimator, items)) {
                            assemble(estimator, d);
                        }
                    }
                });
            }
            return tasks;
        }

        /**
         * Three stages with one thread per worker each, joined by bounded queues; every stage
         * passes one end marker per thread of the next stage when its last thread finishes.
         */
        private List<Worker> pipelinedTasks() {
            int workers = estimators.size();
            int capacity = SLOTS_PER_BATCH * batch * workers;
            BlockingQueue<Prepared> prepared = new ArrayBlockingQueue<>(capacity);
            BlockingQueue<Detected> detected = new ArrayBlockingQueue<>(capacity);
            AtomicInteger liveDecoders = new AtomicInteger(workers);
            AtomicInteger liveInference = new AtomicInteger(workers);
            List<Worker> tasks = new ArrayList<>();
            for (PoseEstimator estimator : estimators) {
                tasks.add(() -> {
                    int i;
                    while ((i = cursor.getAndIncrement()) < inputs.size()) {
                        Prepared p = prepare(estimator, inputs.get(i));
                        if (p != null) {
                            prepared.put(p);
                        }
                    }
                    if (liveDecoders.decrementAndGet() == 0) {
                        for (int w = 0; w < workers; w++) {
                            prepared.put(END_OF_INPUTS);
                        }
                    }
                });
                tasks.add(() -> {
                    boolean end = false;
                    while (!end) {
                        List<Prepared> items = new ArrayList<>(batch);
                        while (items.size() < batch && !end) {
                            Prepared p = prepared.take();
                            end = p == END_OF_INPUTS;
                            if (!end) {
                                items.add(p);
                            }
                        }
                        for (Detected d : detect(estimator, items)) {
                            detected.put(d);
                        }
                    }
                    if (liveInference.decrementAndGet() == 0) {
                        for (int w = 0; w < workers; w++) {
                            detected.put(END_OF_DETECTIONS);
                        }
                    }
                });
                tasks.add(() -> {
                    Detected d;
                    while ((d = detected.take()) != END_OF_DETECTIONS) {
                        assemble(estimator, d);
                    }
                });
            }
            return tasks;
        }

        /** Decodes and resizes one input; on failure delivers its error and returns null. */
        private Prepared prepare(PoseEstimator estimator, ImageInput input) {
            long start = System.nanoTime();
            float[] tensor;
            try {
                tensor = estimator.preprocess(ImageDecoder.decode(input.file()));
            } catch (RuntimeException e) {
                fail(input, e, start);
                return null;
            }
            return new Prepared(input, tensor, start);
        }

        /**
         * One session run for the batch (the network alone with the fused smoother, whose Java
         * post-processing then runs in the assembly stage); on failure delivers an error for each
         * of its inputs and returns none.
         */
        private List<Detected> detect(PoseEstimator estimator, List<Prepared> items) {
            if (items.isEmpty()) {
                return List.of();
            }
            try {
                List<float[]> tensors = items.stream().map(Prepared::tensor).toList();
                List<Detected> detected = new ArrayList<>(items.size());
                if (estimator.options().smoother() == PeakDetectorKind.FUSED) {
                    List<FeatureMaps> outputs = estimator.infer(tensors);
                    for (int i = 0; i < items.size(); i++) {
                        detected.add(new Detected(items.get(i), null, outputs.get(i)));
                    }
                } else {
                    List<Detections> detections = estimator.detectFromInputs(tensors);
                    for (int i = 0; i < items.size(); i++) {
                        detected.add(new Detected(items.get(i), detections.get(i), null));
                    }
                }
                return detected;
            } catch (RuntimeException e) {
                for (Prepared p : items) {
                    fail(p.input(), e, p.start());
                }
                return List.of();
            }
        }

        private void assemble(PoseEstimator estimator, Detected d) {
            Prepared p = d.prepared();
            List<Human> humans;
            try {
                humans = d.networkOutput() != null ? estimator.postProcess(d.networkOutput())
                        : estimator.assemble(d.detections());
            } catch (RuntimeException e) {
                fail(p.input(), e, p.start());
                return;
            }
            long latency = System.nanoTime() - p.start();
            sink.accept(ImageResult.succeeded(p.input(), humans, latency));
            latencyMicros.recordValue(Math.max(0, latency / 1000));
            succeeded.incrementAndGet();
        }

        private void fail(ImageInput input, RuntimeException e, long start) {
            if (Thread.currentThread().isInterrupted()) {
                // Cancelled mid-image (e.g. the Java peak threads were interrupted): not this
                // image's error; it stays unfinished, so a resumed run does it again.
                return;
            }
            String message = String.valueOf(e.getMessage());
            // ImageException messages already name the file; others get it here.
            String error = message.contains(input.file().toString()) ? message : input.file() + ": " + message;
            sink.accept(ImageResult.failed(input, error, System.nanoTime() - start));
            failed.incrementAndGet();
        }
    }

    /** One thread's share of a run. */
    @FunctionalInterface
    private interface Worker {
        void work() throws InterruptedException;
    }

    private static RuntimeException failure(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("throughput run failed: " + cause, cause);
    }

    /** Waits for every thread, including session runs that cannot be interrupted; true if interrupted meanwhile. */
    private static boolean awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    return interrupted;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "throughput-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
