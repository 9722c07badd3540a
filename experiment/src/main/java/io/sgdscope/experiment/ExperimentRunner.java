package io.sgdscope.experiment;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.experiment.ExperimentSpec.Mode;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.VariantSpec;
import io.sgdscope.trainer.holdout.HoldoutConfig;
import io.sgdscope.trainer.holdout.HoldoutSet;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.model.ModelBackend;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs an experiment in process, with no broker: every (variant, seed) pair is one independent job
 * on a fixed pool of threads. A job draws the scenario with the seed, trains the variant (seeded
 * with the same seed) with the trainer's own model through {@link InlineTraining}, which computes each
 * metric snapshot inline on the job's thread at the cadence, so a job's curve depends on its seed alone, never on
 * scheduling. Results come back sorted: variants by name, then seeds in file order.
 */
public final class ExperimentRunner {

    private final ScenarioResolver scenarios;
    private final Supplier<ModelBackend> backends;
    private final int threads;
    private final Progress progress;

    public ExperimentRunner(ScenarioResolver scenarios, int threads, Progress progress) {
        this(scenarios, Dl4jBackend::new, threads, progress);
    }

    public ExperimentRunner(ScenarioResolver scenarios, Supplier<ModelBackend> backends, int threads,
                            Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.scenarios = scenarios;
        this.backends = backends;
        this.threads = threads;
        this.progress = progress;
    }

    /** The config a job of {@code variant} with {@code seed} trains with. */
    RawConfig config(ExperimentSpec spec, String variant, long seed) {
        Map<String, String> keys = new LinkedHashMap<>(spec.scenarioOverrides());
        keys.put(io.sgdscope.producers.ProduceConfig.SEED, Long.toString(seed));
        keys.put(io.sgdscope.trainer.TrainingSetting.SEED.key(), Long.toString(seed));
        keys.put(TrainerConfig.MODEL, spec.model());
        keys.put(io.sgdscope.trainer.TrainingSetting.BATCH_SIZE.key(),
                Integer.toString(spec.data().effectiveBatchSize()));
        ModelSpec model = ModelSpec.parse(spec.model());
        if (model.kind() != ModelSpec.Kind.DL4J) {
            // pure-Java arithmetic at every batch size: no native thread pool to vary the sums (a variant may still
            // choose executor=dl4j)
            keys.put(io.sgdscope.trainer.TrainingSetting.EXECUTOR.key(), "fast");
        }
        keys.put(TrainerConfig.VARIANTS_PREFIX + variant, spec.variants().get(variant));
        keys.put(io.sgdscope.trainer.insight.InsightConfig.EVERY_STEPS, Long.toString(spec.every()));
        keys.put(io.sgdscope.trainer.insight.InsightConfig.MIN_INTERVAL, "0s");
        if (spec.window() > 0) {
            keys.put(io.sgdscope.trainer.insight.InsightConfig.WINDOW, Integer.toString(spec.window()));
        }
        if (keys.keySet().stream().anyMatch(k -> k.startsWith(HoldoutConfig.SOURCE_PREFIX))) {
            // a synthetic held-out source draws the job's own concept (its teacher, centroids: the scenario seed),
            // scored at every snapshot unless the experiment says otherwise
            keys.putIfAbsent(HoldoutConfig.SEED, Long.toString(seed));
            keys.putIfAbsent(HoldoutConfig.EVERY_STEPS, Long.toString(spec.every()));
        }
        return scenarios.resolve(spec.scenario(), keys);
    }

    public Curves run(ExperimentSpec spec) {
        // a bad scenario or override fails here, once, before any job starts
        RawConfig first = config(spec, spec.variants().keySet().iterator().next(), spec.seeds().get(0));
        // and so does a held-out source that cannot be read
        HoldoutSet.load(TrainerConfig.from(first).holdout());
        long perJob = spec.data().samples() * (spec.data().mode() == Mode.REPLAY ? spec.data().epochs() : 1);
        progress.start(spec.variants().size() * spec.seeds().size(), perJob * spec.variants().size()
                * spec.seeds().size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "experiment-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Job>> futures = new ArrayList<>();
            for (String variant : spec.variants().keySet()) {
                for (long seed : spec.seeds()) {
                    futures.add(pool.submit(() -> run(spec, variant, seed)));
                }
            }
            List<Job> jobs = new ArrayList<>();
            for (Future<Job> f : futures) {
                jobs.add(await(f));
            }
            int layers = jobs.stream().mapToInt(Job::layers).max().orElse(0);
            List<String> columns = Metrics.columns(layers);
            List<Curve> curves = jobs.stream().map(j -> Curves.curve(j.variant, j.seed, columns, j.steps(),
                    j.samples(), j.rows, j.shifts(), j.last == null ? RunEnd.NONE : RunEnd.of(j.last))).toList();
            return new Curves(List.copyOf(spec.variants().keySet()), spec.seeds(), columns, curves);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Job await(Future<Job> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a job", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One (variant, seed) job's snapshots and the true shifts it saw. */
    private static final class Job {
        final String variant;
        final long seed;
        final List<Long> steps = new ArrayList<>();
        final List<Long> samples = new ArrayList<>();
        final List<Map<String, Double>> rows = new ArrayList<>();
        final List<Long> shifts = new ArrayList<>();
        int layers;
        /** The last snapshot: its confusion matrices and spectra go to the report. */
        InsightReport last;

        Job(String variant, long seed) {
            this.variant = variant;
            this.seed = seed;
        }

        int layers() {
            return layers;
        }

        long[] steps() {
            return steps.stream().mapToLong(Long::longValue).toArray();
        }

        long[] samples() {
            return samples.stream().mapToLong(Long::longValue).toArray();
        }

        long[] shifts() {
            return shifts.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private Job run(ExperimentSpec spec, String variantName, long seed) {
        RawConfig raw = config(spec, variantName, seed);
        TrainerConfig config = TrainerConfig.from(raw);
        VariantSpec variant = config.variantSpecs().stream().filter(v -> v.name().equals(variantName)).findFirst()
                .orElseThrow(() -> new ConfigException("variants." + variantName, "the trainer did not build it"));
        Job job = new Job(variantName, seed);
        List<DriftEvent> truth = new ArrayList<>();
        try (ScenarioSource source = ScenarioSamples.open(raw, truth::add);
             InlineTraining training = new InlineTraining(variant, config, backends.get())) {
            Sampler sampler = new Sampler(source, truth, spec.data(), seed);
            Sample s;
            long sinceProgress = 0;
            while ((s = sampler.next()) != null) {
                for (DriftEvent e : sampler.drainTruth()) {
                    training.onTruth(e);
                    if (e.kind() != DriftEvent.Kind.START) {
                        job.shifts.add(e.sampleIndex());
                    }
                }
                for (InlineTraining.Snapshot snap : training.feed(s)) {
                    InsightReport r = snap.report();
                    job.steps.add(r.step());
                    job.samples.add(r.samples());
                    job.rows.add(Metrics.flatten(r, snap.prequential()));
                    job.layers = Math.max(job.layers, r.layers().size());
                    job.last = r;
                }
                if (++sinceProgress == 1000) {
                    progress.advance(sinceProgress);
                    sinceProgress = 0;
                }
            }
            progress.advance(sinceProgress);
        }
        progress.jobDone();
        return job;
    }

    /**
     * The samples a job trains on, in order: the stream itself, or its first {@code samples}
     * replayed for {@code epochs} passes, each pass in an order shuffled with the seed. Truth events
     * are handed over with the sample that triggered them (replay: all before the first pass).
     */
    private static final class Sampler {
        private final ScenarioSource source;
        private final List<DriftEvent> truth;
        private final ExperimentSpec.Data data;
        private final Random shuffle;
        private List<Sample> replay;
        private int epoch;
        private int position;
        private long drawn;

        Sampler(ScenarioSource source, List<DriftEvent> truth, ExperimentSpec.Data data, long seed) {
            this.source = source;
            this.truth = truth;
            this.data = data;
            this.shuffle = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        }

        Sample next() {
            if (data.mode() != Mode.REPLAY) {
                if (data.samples() > 0 && drawn >= data.samples()) {
                    return null;
                }
                drawn++;
                return source.next().orElse(null);
            }
            if (replay == null) {
                replay = new ArrayList<>();
                for (long i = 0; i < data.samples(); i++) {
                    Sample s = source.next().orElse(null);
                    if (s == null) {
                        break;
                    }
                    replay.add(s);
                }
                Collections.shuffle(replay, shuffle);
            }
            if (position == replay.size()) {
                epoch++;
                position = 0;
                if (epoch == data.epochs() || replay.isEmpty()) {
                    return null;
                }
                Collections.shuffle(replay, shuffle);
            }
            return replay.get(position++);
        }

        List<DriftEvent> drainTruth() {
            if (truth.isEmpty()) {
                return List.of();
            }
            List<DriftEvent> out = List.copyOf(truth);
            truth.clear();
            return out;
        }
    }
}
