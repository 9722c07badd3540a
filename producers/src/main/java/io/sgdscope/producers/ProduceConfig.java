package io.sgdscope.producers;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.time.Duration;
import java.util.Set;

/**
 * The producer service's settings. {@code maxSamples} 0 means unbounded; {@code ratePerSecond} 0
 * means as fast as the broker takes them. {@code dimension} is the default {@code source.dimension}
 * of generators. Batching and compression go to the Kafka producer; {@code progressInterval} is how
 * often a progress line is logged (0 = never).
 */
public record ProduceConfig(String stream, int dimension, long seed, double ratePerSecond, long maxSamples,
                            int batchSizeBytes, Duration linger, Compression compression, Duration progressInterval,
                            Format format) {

    /**
     * How samples are written to {@code samples.raw}. The streams app reads both; binary is several
     * times cheaper to encode, JSON is the readable external contract.
     */
    public enum Format { BINARY, JSON }

    /** Kafka's {@code compression.type} values. */
    public enum Compression { NONE, GZIP, SNAPPY, LZ4, ZSTD }

    public static final String STREAM = "producer.stream";
    public static final String DIMENSION = "producer.dimension";
    public static final String SEED = "producer.seed";
    public static final String RATE = "producer.rate";
    public static final String MAX_SAMPLES = "producer.max-samples";
    public static final String BATCH_SIZE = "producer.batch-size";
    public static final String LINGER = "producer.linger";
    public static final String COMPRESSION = "producer.compression";
    public static final String PROGRESS_INTERVAL = "producer.progress-interval";
    public static final String FORMAT = "producer.format";
    public static final Set<String> KEYS = Set.of(STREAM, DIMENSION, SEED, RATE, MAX_SAMPLES, BATCH_SIZE, LINGER,
            COMPRESSION, PROGRESS_INTERVAL, FORMAT);

    public ProduceConfig {
        if (stream == null || !stream.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new ConfigException(STREAM, "must be 1-64 characters of [a-zA-Z0-9._-], got '" + stream + "'");
        }
        if (dimension < 1) {
            throw new ConfigException(DIMENSION, "must be >= 1, got " + dimension);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new ConfigException(RATE, "must be >= 0 (0 = unlimited), got " + ratePerSecond);
        }
        if (maxSamples < 0) {
            throw new ConfigException(MAX_SAMPLES, "must be >= 0 (0 = unbounded), got " + maxSamples);
        }
        if (batchSizeBytes < 0) {
            throw new ConfigException(BATCH_SIZE, "must be >= 0 bytes, got " + batchSizeBytes);
        }
        if (linger == null || linger.isNegative() || linger.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigException(LINGER, "must be a duration >= 0, got " + linger);
        }
        if (compression == null) {
            throw new ConfigException(COMPRESSION, "must be set");
        }
        if (progressInterval == null || progressInterval.isNegative()) {
            throw new ConfigException(PROGRESS_INTERVAL, "must be a duration >= 0 (0 = no progress lines), got " + progressInterval);
        }
        if (format == null) {
            throw new ConfigException(FORMAT, "must be binary or json");
        }
    }

    public ProduceConfig(String stream, int dimension, long seed, double ratePerSecond, long maxSamples) {
        this(stream, dimension, seed, ratePerSecond, maxSamples, 256 * 1024, Duration.ofMillis(5), Compression.NONE,
                Duration.ofSeconds(5), Format.BINARY);
    }

    public static ProduceConfig from(RawConfig raw) {
        return new ProduceConfig(
                raw.string(STREAM, "teacher-linear"),
                raw.intValue(DIMENSION, 64, 1, 1 << 20),
                raw.longValue(SEED, 42, Long.MIN_VALUE, Long.MAX_VALUE),
                raw.doubleValue(RATE, 2000, 0, 1e9),
                raw.longValue(MAX_SAMPLES, 0, 0, Long.MAX_VALUE),
                raw.intValue(BATCH_SIZE, 256 * 1024, 0, 64 << 20),
                raw.duration(LINGER, Duration.ofMillis(5)),
                raw.enumValue(COMPRESSION, Compression.class, Compression.NONE),
                raw.duration(PROGRESS_INTERVAL, Duration.ofSeconds(5)),
                raw.enumValue(FORMAT, Format.class, Format.BINARY));
    }

    /** The typed {@code samples.raw} this producer writes, in its format. */
    public io.sgdscope.common.topic.Topic<String, io.sgdscope.common.Sample> rawTopic(
            io.sgdscope.common.topic.Topics topics) {
        return format == Format.BINARY ? topics.samplesRawBinary() : topics.samplesRaw();
    }

    public ProduceConfig withFormat(Format f) {
        return new ProduceConfig(stream, dimension, seed, ratePerSecond, maxSamples, batchSizeBytes, linger, compression,
                progressInterval, f);
    }

    public ProduceConfig withMaxSamples(long n) {
        return new ProduceConfig(stream, dimension, seed, ratePerSecond, n, batchSizeBytes, linger, compression, progressInterval,
                format);
    }

    public ProduceConfig withRate(double samplesPerSecond) {
        return new ProduceConfig(stream, dimension, seed, samplesPerSecond, maxSamples, batchSizeBytes, linger, compression,
                progressInterval, format);
    }
}
