package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.STREAMS_DRIFT_TOP_FEATURE_INFO;
import static io.sgdscope.monitoring.MeterNames.TAG_FEATURE_NAME;
import static io.sgdscope.monitoring.MeterNames.TAG_RANK;
import static io.sgdscope.monitoring.MeterNames.TAG_STREAM;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.common.drift.DriftStats;
import io.sgdscope.streams.drift.DriftBoard;
import io.sgdscope.streams.ingest.FeatureCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Names the most shifted features of ingested streams: {@code sgdscope_streams_drift_top_feature_info{stream,
 * rank, feature_name} 1}, one series per stream and rank (as {@code ..._top_feature_index} and
 * {@code ..._top_feature_psi}), the name taken from the stream's feature table. Grafana shows it by
 * {@code rank} next to the PSI. The label set stays bounded: k ranks per ingested stream, and a rank's
 * series is replaced when another feature takes it. Refreshed on a timer, since the drift windows
 * close on the stream threads.
 */
public final class FeatureNameMetrics implements MeterBinder, AutoCloseable {

    private final DriftBoard board;
    private final int topK;
    private final FeatureCatalog catalog;
    private final Duration refresh;
    private ScheduledExecutorService timer;

    public FeatureNameMetrics(DriftBoard board, int topK, FeatureCatalog catalog, Duration refresh) {
        this.board = board;
        this.topK = topK;
        this.catalog = catalog;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MultiGauge gauge = MultiGauge.builder(STREAMS_DRIFT_TOP_FEATURE_INFO)
                .description("1 for the feature at this drift shift rank, named from the ingest feature table")
                .register(registry);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sgdscope-feature-names");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> gauge.register(rows(), true), 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The current rows: for each ingested stream with a closed window, its top ranks that have a name. */
    List<MultiGauge.Row<?>> rows() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String stream : catalog.keys()) {
            DriftStats d = board.latest(stream).orElse(null);
            if (d == null) {
                continue;
            }
            for (int r = 0; r < Math.min(topK, d.topFeatures().size()); r++) {
                int rank = r + 1;
                catalog.featureName(stream, d.topFeatures().get(r).feature()).ifPresent(name -> rows.add(MultiGauge.Row.of(
                        Tags.of(TAG_STREAM, stream, TAG_RANK, Integer.toString(rank), TAG_FEATURE_NAME, name), 1)));
            }
        }
        return rows;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
