package io.sgdscope.launcher.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The metric-name tokenizer behind the dashboard check. */
class PromQlTest {

    @Test
    void aBareSelectorIsItsName() {
        assertThat(PromQl.metricNames("up")).containsExactly("up");
        assertThat(PromQl.metricNames("job:requests:rate5m")).containsExactly("job:requests:rate5m");
    }

    @Test
    void labelNamesAndValuesInsideBracesAreNotNames() {
        assertThat(PromQl.metricNames("sgdscope_model_margin{model=~\"$model\", quantile=\"0.05\", stream!~'x|y'}"))
                .containsExactly("sgdscope_model_margin");
    }

    @Test
    void functionsAggregationsAndTheirLabelListsAreNotNames() {
        String expr = "sum by (model, stream) (rate(sgdscope_trainer_samples_total{model=~\"$model\"}[$__rate_interval]))";
        assertThat(PromQl.metricNames(expr)).containsExactly("sgdscope_trainer_samples_total");
        assertThat(PromQl.metricNames("max without(instance, job)(a) + avg(b) by (layer)")).containsExactly("a", "b");
        assertThat(PromQl.metricNames("topk(3, x) or count_values(\"version\", y)")).containsExactly("x", "y");
    }

    @Test
    void vectorMatchingLabelListsAreNotNames() {
        String expr = "a / on(model, stream) group_left(layer) b * ignoring (quantile) c unless on () d";
        assertThat(PromQl.metricNames(expr)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void keywordsNumbersDurationsAndModifiersAreNotNames() {
        String expr = "2 / sgdscope_trainer_learning_rate offset 5m > bool 1e-3 and rate(x[1h30m:1m] @ start()) > Inf"
                + " or y > NaN or z > 0x1F";
        assertThat(PromQl.metricNames(expr)).containsExactly("sgdscope_trainer_learning_rate", "x", "y", "z");
    }

    @Test
    void grafanaVariablesAreNotNames() {
        assertThat(PromQl.metricNames("increase(x{a=\"$a\"}[$__range]) * $factor + ${other} - ${x:csv}"))
                .containsExactly("x");
    }

    @Test
    void histogramQuantileReadsTheBucketSeries() {
        String expr = "histogram_quantile(0.95, sum by (le) (rate(sgdscope_streams_label_delay_seconds_bucket[5m])))";
        assertThat(PromQl.metricNames(expr)).containsExactly("sgdscope_streams_label_delay_seconds_bucket");
    }

    @Test
    void theNameLabelNamesAMetricOnlyWhenMatchedExactly() {
        assertThat(PromQl.metricNames("{__name__=\"a\", job=\"b\"}")).containsExactly("a");
        assertThat(PromQl.metricNames("{__name__=~\"a.*\"}")).isEmpty();
        assertThat(PromQl.metricNames("{__name__!=\"a\", job=\"b\"}")).isEmpty();
    }

    @Test
    void stringsWithEscapesAndCommentsAreSkipped() {
        assertThat(PromQl.metricNames("label_replace(a, \"dst\", \"\\\"$1 b\", \"src\", `(c)`) # d e\n + f"))
                .containsExactly("a", "f");
    }

    @Test
    void repeatedNamesAreReportedOnceInOrder() {
        assertThat(PromQl.metricNames("b / a + b")).containsExactly("b", "a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum(rate(x[5m])", "x{a=\"b\"", "x{a=\"b)", "rate(x[5m)", "x)", "x{a=\"1\"})", "x]"})
    void brokenExpressionsAreErrorsNotEmptyResults(String expr) {
        assertThatThrownBy(() -> PromQl.metricNames(expr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expr);
    }

    @Test
    void grafanaVariableQueriesYieldTheirSelector() {
        assertThat(GrafanaDashboards.variableSelector("label_values(m{stream=~\"$stream\"}, model)"))
                .isEqualTo("m{stream=~\"$stream\"}");
        assertThat(GrafanaDashboards.variableSelector("label_values(model)")).isEmpty();
        assertThat(GrafanaDashboards.variableSelector("query_result(topk(3, m))")).isEqualTo("query_result(topk(3, m))");
    }

    @Test
    void exportedNamesAllowHistogramSuffixesOnlyForHistograms() {
        ExportedNames names = ExportedNames.of("""
                # HELP h_seconds a timer
                # TYPE h_seconds histogram
                h_seconds_bucket{le="1.0"} 0
                h_seconds_count 0
                h_seconds_sum 0.0
                # TYPE g gauge
                g{model="a"} NaN
                c_total 3.0
                """);
        assertThat(names.contains("g")).isTrue();
        assertThat(names.contains("c_total")).isTrue();
        assertThat(names.contains("h_seconds_bucket")).isTrue();
        assertThat(names.contains("h_seconds_sum")).isTrue();
        assertThat(names.contains("g_bucket")).isFalse();
        assertThat(names.contains("c")).isFalse();
        assertThat(names.contains("model")).isFalse();
    }
}
