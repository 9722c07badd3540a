package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.STREAMS_DRIFT_LABEL_PSI;
import static io.sgdscope.monitoring.MeterNames.STREAMS_DRIFT_SHIFT_SCORE;
import static io.sgdscope.monitoring.MeterNames.STREAMS_DRIFT_TOP_FEATURE_INDEX;
import static io.sgdscope.monitoring.MeterNames.STREAMS_DRIFT_TOP_FEATURE_PSI;
import static io.sgdscope.monitoring.MeterNames.STREAMS_DRIFT_WINDOWS;
import static io.sgdscope.monitoring.MeterNames.TAG_RANK;
import static io.sgdscope.monitoring.MeterNames.TAG_STREAM;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.common.drift.DriftStats;
import io.sgdscope.streams.drift.DriftBoard;
import java.util.function.ToDoubleFunction;

/**
 * Input drift per stream, from the latest closed window: the shift score, the label PSI, and the
 * top-k shifted features as {@code rank} 1..k (their PSI, and which feature holds the rank).
 * Gauges appear when a stream's first window closes; the board bounds the number of streams.
 */
public final class DriftMetrics implements MeterBinder {

    private final DriftBoard board;
    private final int topK;

    public DriftMetrics(DriftBoard board, int topK) {
        this.board = board;
        this.topK = topK;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(STREAMS_DRIFT_WINDOWS, board, DriftBoard::windows)
                .description("Drift windows closed and compared with their reference")
                .baseUnit("windows")
                .register(registry);
        board.onNewStream(stream -> bindStream(registry, stream));
    }

    private void bindStream(MeterRegistry registry, String stream) {
        gauge(registry, STREAMS_DRIFT_SHIFT_SCORE, stream, null, "Mean feature PSI of the latest window against the reference",
                DriftStats::shiftScore);
        gauge(registry, STREAMS_DRIFT_LABEL_PSI, stream, null, "PSI of the latest window's label distribution against the reference",
                DriftStats::labelPsi);
        for (int rank = 1; rank <= topK; rank++) {
            int r = rank - 1;
            gauge(registry, STREAMS_DRIFT_TOP_FEATURE_PSI, stream, rank, "PSI of the feature at this shift rank",
                    d -> r < d.topFeatures().size() ? d.topFeatures().get(r).psi() : Double.NaN);
            gauge(registry, STREAMS_DRIFT_TOP_FEATURE_INDEX, stream, rank, "Index of the feature at this shift rank",
                    d -> r < d.topFeatures().size() ? d.topFeatures().get(r).feature() : Double.NaN);
        }
    }

    private void gauge(MeterRegistry registry, String name, String stream, Integer rank, String description,
                       ToDoubleFunction<DriftStats> value) {
        Gauge.Builder<DriftBoard> b = Gauge.builder(name, board, bd -> bd.latest(stream).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tag(TAG_STREAM, stream);
        if (rank != null) {
            b.tag(TAG_RANK, Integer.toString(rank));
        }
        b.register(registry);
    }
}
