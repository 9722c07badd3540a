package io.sgdscope.monitoring.alerts;

import static io.sgdscope.monitoring.alerts.AlertFiles.MODULE;
import static io.sgdscope.monitoring.alerts.AlertFiles.PROMETHEUS_CONFIG;
import static io.sgdscope.monitoring.alerts.AlertFiles.RULES_DIR;
import static io.sgdscope.monitoring.alerts.AlertFiles.RULE_TESTS_DIR;
import static io.sgdscope.monitoring.alerts.AlertFiles.RUNBOOK;
import static io.sgdscope.monitoring.alerts.AlertFiles.yamlFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sgdscope.monitoring.dashboard.LiveAlertRules;
import io.sgdscope.monitoring.dashboard.LiveAlerts;
import io.sgdscope.monitoring.dashboard.MetricHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every alert must carry (severity, summary, a description with values, a runbook link to a
 * section that exists) and that every alert has a promtool test where it fires and one where it stays
 * quiet. promtool itself checks that the tests pass ({@link PromtoolTest}).
 */
class AlertRulesContractTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String RUNBOOK_LINK = "monitoring/" + RUNBOOK + "#";

    private static Map<String, JsonNode> alerts() throws IOException {
        Map<String, JsonNode> alerts = new HashMap<>();
        for (Path file : yamlFiles(RULES_DIR)) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        assertThat(alerts.put(rule.get("alert").asText(), rule)).as("alert %s defined once", rule.get("alert")).isNull();
                    }
                }
            }
        }
        return alerts;
    }

    @Test
    void exactlyTheAlertsOfTheIssueAreDefined() throws IOException {
        assertThat(alerts().keySet()).containsExactlyInAnyOrderElementsOf(AlertNames.ALL);
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionWithValuesAndARunbookSectionThatExists() throws IOException {
        String runbook = Files.readString(MODULE.resolve(RUNBOOK));
        Set<String> anchors = new HashSet<>();
        for (String line : runbook.split("\n")) {
            if (line.startsWith("## ")) {
                anchors.add(githubAnchor(line.substring(3)));
            }
        }
        for (Map.Entry<String, JsonNode> e : alerts().entrySet()) {
            String name = e.getKey();
            JsonNode rule = e.getValue();
            assertThat(rule.path("labels").path("severity").asText()).as(name)
                    .isIn(Arrays.stream(Severity.values()).map(Severity::label).toList());
            JsonNode annotations = rule.path("annotations");
            assertThat(annotations.path("summary").asText()).as(name).isNotBlank();
            assertThat(annotations.path("description").asText()).as(name + " description shows the value")
                    .contains("{{ $value").contains("{{ $labels.");
            String url = annotations.path("runbook_url").asText();
            assertThat(url).as(name).isEqualTo(RUNBOOK_LINK + name.toLowerCase(Locale.ROOT));
            assertThat(anchors).as("RUNBOOK.md has a section for " + name).contains(url.substring(RUNBOOK_LINK.length()));
        }
        assertThat(alerts().get(AlertNames.DRIFT_DETECTED).path("labels").path("severity").asText()).isEqualTo("info");
    }

    @Test
    void everyLiveDashboardAlertIsAPrometheusAlertWithTheSameSeverity() throws IOException {
        Map<String, JsonNode> rules = alerts();
        List<LiveAlerts.Status> live = new LiveAlerts(LiveAlertRules.DEFAULT).evaluate(new MetricHistory(2, 1));
        assertThat(live).isNotEmpty();
        for (LiveAlerts.Status status : live) {
            assertThat(rules).as("a Prometheus alert named " + status.alert()).containsKey(status.alert());
            assertThat(rules.get(status.alert()).path("labels").path("severity").asText()).as(status.alert())
                    .isEqualTo(status.severity().label());
        }
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String githubAnchor(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    @Test
    void githubAnchorsAreComputedLikeGithub() {
        assertThat(githubAnchor("TrainingDiverged")).isEqualTo("trainingdiverged");
        assertThat(githubAnchor("Run the full stack!")).isEqualTo("run-the-full-stack");
    }

    @Test
    void everyAlertHasAPromtoolTestWhereItFiresAndOneWhereItStaysQuiet() throws IOException {
        Map<String, List<Boolean>> cases = new HashMap<>();
        for (Path file : yamlFiles(RULE_TESTS_DIR)) {
            JsonNode suite = YAML.readTree(file.toFile());
            List<String> ruleFiles = new ArrayList<>();
            suite.path("rule_files").forEach(n -> ruleFiles.add(n.asText()));
            assertThat(ruleFiles).as(file + " loads the real rules").allMatch(r -> r.startsWith("../rules/"));
            for (JsonNode test : suite.path("tests")) {
                for (JsonNode check : test.path("alert_rule_test")) {
                    cases.computeIfAbsent(check.path("alertname").asText(), k -> new ArrayList<>())
                            .add(check.path("exp_alerts").size() > 0);
                }
            }
        }
        for (String alert : AlertNames.ALL) {
            assertThat(cases.get(alert)).as(alert + ": a firing case (true) and a quiet case (false)")
                    .isNotNull().contains(true, false);
        }
        assertThat(cases.keySet()).as("tests name only real alerts").isSubsetOf(AlertNames.ALL);
    }

    @Test
    void prometheusScrapesEveryServiceAndSendsToAlertmanager() throws IOException {
        JsonNode config = YAML.readTree(MODULE.resolve(PROMETHEUS_CONFIG).toFile());
        Map<String, String> targets = new HashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                sc.path("targets").forEach(t -> targets.put(job.path("job_name").asText(), t.asText()));
            }
            // the replicated services are found by DNS, one target per replica (each its own `instance`)
            for (JsonNode dns : job.path("dns_sd_configs")) {
                dns.path("names").forEach(n -> targets.put(job.path("job_name").asText(),
                        n.asText() + ":" + dns.path("port").asInt()));
            }
        }
        assertThat(targets).containsEntry("producers", "producers:9400").containsEntry("streams-app", "streams-app:9400")
                .containsEntry("trainer", "trainer:9400");
        assertThat(config.path("rule_files").get(0).asText()).isEqualTo("rules/*.yml");
        assertThat(config.at("/alerting/alertmanagers/0/static_configs/0/targets/0").asText()).isEqualTo("alertmanager:9093");
    }
}
