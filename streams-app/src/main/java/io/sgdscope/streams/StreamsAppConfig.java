package io.sgdscope.streams;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.TopicLayout;
import io.sgdscope.streams.StreamSchema.LabelTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the streams app, and the one factory of its Kafka Streams properties.
 *
 * @param featureDimension the default feature count of every stream; 0 = learn it from each stream's first valid record
 * @param labelTask        the default label task of every stream
 * @param perStream        overrides by stream name ({@code streams.streams.<name>.feature-dimension|classes})
 * @param maxRecordBytes   larger raw records go to the DLQ as {@code too_large}
 * @param maxFuture        an event time further ahead of the record's Kafka timestamp is {@code bad_timestamp}
 * @param maxAge           an event time further behind it is {@code bad_timestamp}; zero switches the check off
 * @param joinWindow       how long a sample waits for its label (and a label for its sample), in event time
 * @param standardize      standardise features with running per-stream, per-feature mean and variance
 * @param topicLayout      partitions and replicas of sgdscope's topics ({@code topics.*}); the repartition topics get the same
 */
public record StreamsAppConfig(String applicationId, ProcessingGuarantee guarantee, int featureDimension,
                               Duration commitInterval, Path stateDir, LabelTask labelTask,
                               Map<String, StreamSchema> perStream, int maxRecordBytes, Duration maxFuture,
                               Duration maxAge, Duration joinWindow, boolean standardize, DriftConfig drift,
                               TopicLayout topicLayout) {

    public enum ProcessingGuarantee {
        AT_LEAST_ONCE, EXACTLY_ONCE_V2;

        String kafkaValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Windowed drift statistics: tumbling event-time windows of {@code window}; features binned in
     * {@code bins} equal bins over [-range, range] plus one overflow bin each side.
     */
    public record DriftConfig(Duration window, int bins, double range, int topK, int maxStreams) {
        public DriftConfig {
            if (window.isZero() || window.isNegative()) {
                throw new ConfigException(DRIFT_WINDOW, "must be positive, got " + window);
            }
            if (bins < 2 || bins > 1000) {
                throw new ConfigException(DRIFT_BINS, "must be between 2 and 1000, got " + bins);
            }
            if (!(range > 0) || Double.isInfinite(range)) {
                throw new ConfigException(DRIFT_RANGE, "must be a positive finite number, got " + range);
            }
            if (topK < 1) {
                throw new ConfigException(DRIFT_TOP_K, "must be >= 1, got " + topK);
            }
            if (maxStreams < 1) {
                throw new ConfigException(DRIFT_MAX_STREAMS, "must be >= 1, got " + maxStreams);
            }
        }
    }

    public static final String APPLICATION_ID = "streams.application-id";
    public static final String GUARANTEE = "streams.processing-guarantee";
    public static final String FEATURE_DIMENSION = "streams.feature-dimension";
    public static final String COMMIT_INTERVAL = "streams.commit-interval";
    public static final String STATE_DIR = "streams.state-dir";
    public static final String CLASSES = "streams.classes";
    public static final String MAX_RECORD_BYTES = "streams.max-record-bytes";
    public static final String MAX_FUTURE = "streams.timestamp.max-future";
    public static final String MAX_AGE = "streams.timestamp.max-age";
    public static final String JOIN_WINDOW = "streams.join.window";
    public static final String STANDARDIZE = "streams.standardize";
    public static final String DRIFT_WINDOW = "streams.drift.window";
    public static final String DRIFT_BINS = "streams.drift.bins";
    public static final String DRIFT_RANGE = "streams.drift.range";
    public static final String DRIFT_TOP_K = "streams.drift.top-k";
    public static final String DRIFT_MAX_STREAMS = "streams.drift.max-streams";
    /** {@code streams.streams.<name>.feature-dimension} and {@code streams.streams.<name>.classes}. */
    public static final String PER_STREAM_PREFIX = "streams.streams.";
    public static final Set<String> KEYS = Set.of(APPLICATION_ID, GUARANTEE, FEATURE_DIMENSION, COMMIT_INTERVAL, STATE_DIR,
            CLASSES, MAX_RECORD_BYTES, MAX_FUTURE, MAX_AGE, JOIN_WINDOW, STANDARDIZE,
            DRIFT_WINDOW, DRIFT_BINS, DRIFT_RANGE, DRIFT_TOP_K, DRIFT_MAX_STREAMS);

    public StreamsAppConfig {
        if (applicationId == null || !applicationId.matches("[a-zA-Z0-9._-]+")) {
            throw new ConfigException(APPLICATION_ID, "must be non-empty [a-zA-Z0-9._-], got '" + applicationId + "'");
        }
        if (featureDimension < 0) {
            throw new ConfigException(FEATURE_DIMENSION, "must be >= 1, or 0 to learn it, got " + featureDimension);
        }
        if (commitInterval.isZero() || commitInterval.isNegative()) {
            throw new ConfigException(COMMIT_INTERVAL, "must be positive, got " + commitInterval);
        }
        if (maxRecordBytes < 64) {
            throw new ConfigException(MAX_RECORD_BYTES, "must be >= 64, got " + maxRecordBytes);
        }
        if (joinWindow.isNegative()) {
            throw new ConfigException(JOIN_WINDOW, "must not be negative, got " + joinWindow);
        }
        perStream = Map.copyOf(perStream);
    }

    /**
     * {@code streams.commit-interval} when not set: 50 ms under exactly-once, where the trainer sees a
     * record only after its transaction commits, so the interval bounds produce-to-trained latency
     * (measured here at half the maximum rate: p99 101 and 119 ms at 50 ms, 148 and 176 ms at 100 ms,
     * against issue 18's 150 ms; throughput moved less than the noise between 50 ms and 1 s); 100 ms
     * under at-least-once, where records are visible once written and a commit only saves offsets.
     */
    public static Duration defaultCommitInterval(ProcessingGuarantee guarantee) {
        return guarantee == ProcessingGuarantee.AT_LEAST_ONCE ? Duration.ofMillis(100) : Duration.ofMillis(50);
    }

    public static StreamsAppConfig from(RawConfig raw) {
        String dir = raw.string(STATE_DIR, "");
        int dimension = raw.intValue(FEATURE_DIMENSION, 64, 0, 1 << 20);
        LabelTask task = task(raw, CLASSES, LabelTask.LEARN);
        ProcessingGuarantee guarantee = raw.enumValue(GUARANTEE, ProcessingGuarantee.class,
                ProcessingGuarantee.EXACTLY_ONCE_V2);
        return new StreamsAppConfig(
                raw.string(APPLICATION_ID, "sgdscope-streams"),
                guarantee,
                dimension,
                raw.duration(COMMIT_INTERVAL, defaultCommitInterval(guarantee)),
                dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "sgdscope-streams") : Path.of(dir),
                task,
                perStream(raw, dimension, task),
                raw.intValue(MAX_RECORD_BYTES, 1 << 20, 64, Integer.MAX_VALUE),
                raw.duration(MAX_FUTURE, Duration.ofMinutes(5)),
                raw.duration(MAX_AGE, Duration.ofDays(30)),
                raw.duration(JOIN_WINDOW, Duration.ofMinutes(10)),
                raw.booleanValue(STANDARDIZE, false),
                new DriftConfig(
                        raw.duration(DRIFT_WINDOW, Duration.ofMinutes(1)),
                        raw.intValue(DRIFT_BINS, 10, 2, 1000),
                        raw.doubleValue(DRIFT_RANGE, 4.0, Double.MIN_VALUE, 1e300),
                        raw.intValue(DRIFT_TOP_K, 5, 1, 1000),
                        raw.intValue(DRIFT_MAX_STREAMS, 16, 1, 10_000)),
                TopicLayout.from(raw));
    }

    private static LabelTask task(RawConfig raw, String key, LabelTask defaultTask) {
        if (!raw.contains(key)) {
            return defaultTask;
        }
        LabelTask t = LabelTask.parse(raw.string(key, ""));
        if (t == null) {
            throw new ConfigException(key, "must be 'learn', 'regression' or a class count >= 2, got '"
                    + raw.string(key, "") + "' (from " + raw.entries().get(key).origin() + ")");
        }
        return t;
    }

    private static Map<String, StreamSchema> perStream(RawConfig raw, int dimension, LabelTask task) {
        Map<String, StreamSchema> m = new TreeMap<>();
        for (String rest : raw.section(PER_STREAM_PREFIX).keySet()) {
            int dot = rest.lastIndexOf('.');
            String field = rest.substring(dot + 1);
            String key = PER_STREAM_PREFIX + rest;
            if (dot <= 0 || !(field.equals("classes") || field.equals("feature-dimension"))) {
                throw new ConfigException(key, "unknown key: per-stream settings are "
                        + PER_STREAM_PREFIX + "<name>.feature-dimension and " + PER_STREAM_PREFIX + "<name>.classes");
            }
            String stream = rest.substring(0, dot);
            String base = PER_STREAM_PREFIX + stream + ".";
            m.computeIfAbsent(stream, s -> new StreamSchema(
                    raw.intValue(base + "feature-dimension", dimension, 0, 1 << 20),
                    task(raw, base + "classes", task)));
        }
        return m;
    }

    /** The schema the app expects of {@code stream}: its overrides, else the defaults. */
    public StreamSchema schemaFor(String stream) {
        StreamSchema s = perStream.get(stream);
        return s != null ? s : new StreamSchema(featureDimension, labelTask);
    }

    public StreamsAppConfig withApplicationId(String id) {
        return new StreamsAppConfig(id, guarantee, featureDimension, commitInterval, stateDir, labelTask, perStream,
                maxRecordBytes, maxFuture, maxAge, joinWindow, standardize, drift, topicLayout);
    }

    public StreamsAppConfig withStateDir(Path dir) {
        return new StreamsAppConfig(applicationId, guarantee, featureDimension, commitInterval, dir, labelTask, perStream,
                maxRecordBytes, maxFuture, maxAge, joinWindow, standardize, drift, topicLayout);
    }

    /**
     * This config with {@code schemas} for streams it has no {@code streams.streams.<name>} setting of:
     * the schemas of the streams that {@code ingest:} mappings write (io.sgdscope.streams.ingest.IngestConfig).
     */
    public StreamsAppConfig withStreams(Map<String, StreamSchema> schemas) {
        Map<String, StreamSchema> m = new TreeMap<>(schemas);
        m.putAll(perStream);
        return new StreamsAppConfig(applicationId, guarantee, featureDimension, commitInterval, stateDir, labelTask, m,
                maxRecordBytes, maxFuture, maxAge, joinWindow, standardize, drift, topicLayout);
    }

    public Properties toStreamsProperties(KafkaClientConfig kafka) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.kafkaValue());
        defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // changelog and repartition topics are replicated like sgdscope's own topics
        defaults.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topicLayout.replicationFactor());
        // opt in now to the behaviour that becomes the default in Kafka 5.0 (and silence its warning)
        defaults.put("processing.exception.handler.global.enabled", true);
        // Throughput and latency together (issue 18; streams-app README, "Performance"). None trades safety.
        // Streams' own producer default lingers 100 ms, which alone is an at-least-once p99 of ~100 ms: 1 ms there
        // (5 ms gave p50 11-16 ms, 1 ms 8-13 ms at half the maximum rate; the batches still fill at high rates).
        // Under exactly-once nothing is visible before the commit flushes anyway, so 20 ms (fewer, fuller requests,
        // as in the fastest plain Streams copy) costs no latency.
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                guarantee == ProcessingGuarantee.AT_LEAST_ONCE ? 1 : 20);
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        // a write refused with CONCURRENT_TRANSACTIONS (the previous commit's markers not yet written) is retried
        // after this back-off, and the partition waits: 10 ms instead of 100, growing exponentially as usual
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        defaults.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5_000);
        // Exactly-once reads its repartition topics read_committed: cap the wait of a fetch parked at the
        // last stable offset (see KafkaClientConfig.READ_COMMITTED_FETCH_WAIT_MS; 500 ms by default). The
        // same cap under at-least-once, where runs on the loaded machine showed the same 500 ms tail.
        defaults.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                KafkaClientConfig.READ_COMMITTED_FETCH_WAIT_MS);
        // Process whatever is buffered: with the default (0) every check of a task with an empty input partition
        // formats log strings (a tenth of the stream thread's time, profiled). Order across input topics is not
        // relied on: the join and the drift windows go by event time.
        defaults.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        return kafka.toProperties(defaults);
    }
}
