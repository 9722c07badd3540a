package io.sgdscope.launcher.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sgdscope.launcher.RepoRoot;
import io.sgdscope.monitoring.MeterNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dashboards' shape, without a running system: the five dashboards, their variables, every query
 * well formed and on the provisioned datasource, every name declared in {@link MeterNames}, and each
 * dashboard covering what issue 7 asks of it. {@code GrafanaDashboardsIT} checks the names against a live demo.
 */
class GrafanaDashboardsTest {

    private static final Pattern EXPORT_SUFFIX = Pattern.compile("(_records|_seconds)?(_total|_bucket|_sum|_count|_max)?");

    /** Per dashboard, names its queries must read: the panels issue 7 lists. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "overview.json", List.of("sgdscope_producer_samples_total", "sgdscope_streams_records_total",
                    "sgdscope_trainer_samples_total", "sgdscope_trainer_consumer_lag_records", "sgdscope_streams_dlq_total",
                    "sgdscope_trainer_train_latency_seconds_bucket", "sgdscope_trainer_predict_latency_seconds_bucket"),
            "learning.json", List.of("sgdscope_trainer_prequential_accuracy", "sgdscope_trainer_prequential_loss",
                    "sgdscope_trainer_prequential_split_accuracy", "sgdscope_trainer_prequential_split_loss",
                    "sgdscope_trainer_label_time_accuracy", "sgdscope_trainer_pending_predictions",
                    "sgdscope_trainer_holdout_accuracy", "sgdscope_trainer_holdout_loss", "sgdscope_trainer_kappa",
                    "sgdscope_trainer_macro_f1", "sgdscope_trainer_confusion_ratio"),
            "implicit-bias.json", List.of("sgdscope_model_stable_rank", "sgdscope_model_effective_rank",
                    "sgdscope_model_feature_rank", "sgdscope_model_hoyer_sparsity", "sgdscope_model_near_zero_ratio",
                    "sgdscope_model_margin", "sgdscope_model_normalized_margin",
                    "sgdscope_trainer_layer_alpha_weighted", "sgdscope_trainer_layer_spectral_outliers"),
            "stability.json", List.of("sgdscope_model_sharpness", "sgdscope_trainer_learning_rate",
                    "sgdscope_model_eos_ratio", "sgdscope_model_grad_norm", "sgdscope_trainer_divergences_total",
                    "sgdscope_trainer_hessian_trace", "sgdscope_trainer_gradient_noise", "sgdscope_trainer_gradient_snr",
                    "sgdscope_trainer_distance_from_init", "sgdscope_trainer_layer_update_ratio"),
            "drift.json", List.of("sgdscope_drift_detections_total", "sgdscope_drift_truth_events_total",
                    "sgdscope_producer_phase"));

    @Test
    void theFiveDashboardsHaveUniqueUidsAndTheSgdscopeTag() {
        List<Path> files = GrafanaDashboards.files();
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrderElementsOf(REQUIRED.keySet());
        Set<String> uids = new HashSet<>();
        for (Path f : files) {
            JsonNode d = GrafanaDashboards.read(f);
            assertThat(uids.add(d.path("uid").asText())).as("unique uid in %s", f).isTrue();
            assertThat(d.path("uid").asText()).as(f.toString()).startsWith("sgdscope-");
            assertThat(d.path("title").asText()).as(f.toString()).startsWith("sgdscope / ");
            assertThat(d.path("tags").toString()).as(f.toString()).contains("\"sgdscope\"");
        }
    }

    @Test
    void everyDashboardHasModelAndStreamVariablesFromLabelValues() {
        for (Path f : GrafanaDashboards.files()) {
            JsonNode d = GrafanaDashboards.read(f);
            Map<String, JsonNode> vars = new java.util.HashMap<>();
            d.path("templating").path("list").forEach(v -> vars.put(v.path("name").asText(), v));
            for (String name : List.of("model", "stream")) {
                assertThat(vars).as("%s has a $%s variable", f.getFileName(), name).containsKey(name);
                JsonNode v = vars.get(name);
                assertThat(v.path("type").asText()).isEqualTo("query");
                assertThat(v.path("datasource").path("uid").asText()).isEqualTo(GrafanaDashboards.DATASOURCE_UID);
                assertThat(v.path("query").path("query").asText()).startsWith("label_values(").endsWith(", " + name + ")");
                assertThat(v.path("includeAll").asBoolean()).isTrue();
                assertThat(v.path("allValue").asText()).isEqualTo(".*");
            }
        }
    }

    @Test
    void everyPanelAndAnnotationQueriesTheProvisionedPrometheus() {
        for (Path f : GrafanaDashboards.files()) {
            JsonNode d = GrafanaDashboards.read(f);
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : GrafanaDashboards.panels(d)) {
                String where = f.getFileName() + " panel '" + p.path("title").asText() + "'";
                assertThat(ids.add(p.path("id").asInt())).as("unique id: %s", where).isTrue();
                JsonNode pos = p.path("gridPos");
                assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as(where).isLessThanOrEqualTo(24);
                if (p.path("type").asText().equals("row")) {
                    continue;
                }
                assertThat(p.path("datasource").path("uid").asText()).as(where).isEqualTo(GrafanaDashboards.DATASOURCE_UID);
                assertThat(p.path("targets").size()).as(where).isPositive();
                assertThat(p.path("description").asText()).as("%s says what it shows", where).isNotBlank();
                for (JsonNode t : p.path("targets")) {
                    assertThat(t.path("datasource").path("uid").asText()).as(where).isEqualTo(GrafanaDashboards.DATASOURCE_UID);
                    assertThat(t.path("expr").asText()).as(where).isNotBlank();
                }
            }
            for (JsonNode a : d.path("annotations").path("list")) {
                if (a.has("expr")) {
                    assertThat(a.path("datasource").path("uid").asText()).isEqualTo(GrafanaDashboards.DATASOURCE_UID);
                    assertThat(a.path("enable").asBoolean()).isTrue();
                }
            }
        }
    }

    @Test
    void everyQueryIsWellFormedAndReadsAtLeastOneMetric() {
        List<GrafanaDashboards.Query> queries = GrafanaDashboards.queries();
        assertThat(queries).hasSizeGreaterThan(50);
        for (GrafanaDashboards.Query q : queries) {
            assertThat(q.metricNames()).as("%s, %s: %s", q.dashboard(), q.where(), q.expr()).isNotEmpty();
        }
    }

    @Test
    void everyNameIsDeclaredInMeterNames() throws IllegalAccessException {
        Set<String> declared = new TreeSet<>();
        for (Field field : MeterNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && !field.getName().startsWith("TAG_")) {
                declared.add(((String) field.get(null)).replace('.', '_'));
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String name : GrafanaDashboards.metricNames()) {
            boolean known = declared.stream().anyMatch(base -> name.startsWith(base)
                    && EXPORT_SUFFIX.matcher(name.substring(base.length())).matches());
            if (!known) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("names not declared in MeterNames").isEmpty();
    }

    @Test
    void eachDashboardShowsWhatTheIssueAsks() {
        for (Path f : GrafanaDashboards.files()) {
            String name = f.getFileName().toString();
            Set<String> read = GrafanaDashboards.queries(name, GrafanaDashboards.read(f)).stream()
                    .flatMap(q -> q.metricNames().stream()).collect(Collectors.toSet());
            assertThat(read).as(name).containsAll(REQUIRED.get(name));
        }
    }

    @Test
    void stabilityComparesSharpnessWithTwoOverEta() {
        assertThat(GrafanaDashboards.queries("stability.json", GrafanaDashboards.read(GrafanaDashboards.directory()
                .resolve("stability.json")))).extracting(GrafanaDashboards.Query::expr)
                .anyMatch(e -> e.startsWith("2 / sgdscope_trainer_learning_rate{"))
                .anyMatch(e -> e.startsWith("sgdscope_model_sharpness{"));
    }

    @Test
    void driftMarksTrueShiftsAndDetectionsAsAnnotations() {
        JsonNode drift = GrafanaDashboards.read(GrafanaDashboards.directory().resolve("drift.json"));
        List<String> annotations = new ArrayList<>();
        drift.path("annotations").path("list").forEach(a -> annotations.add(a.path("expr").asText()));
        assertThat(annotations).anyMatch(e -> e.contains("sgdscope_drift_truth_events_total"))
                .anyMatch(e -> e.contains("sgdscope_producer_phase"))
                .anyMatch(e -> e.contains("sgdscope_drift_detections_total"));
    }

    @Test
    void provisioningPointsAtTheDatasourceUidAndTheMountedDashboards() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Path provisioning = RepoRoot.path().resolve("monitoring/grafana/provisioning");
        JsonNode ds = yaml.readTree(provisioning.resolve("datasources/prometheus.yml").toFile()).path("datasources").get(0);
        assertThat(ds.path("uid").asText()).isEqualTo(GrafanaDashboards.DATASOURCE_UID);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode provider = yaml.readTree(provisioning.resolve("dashboards/dashboards.yml").toFile()).path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
    }
}
