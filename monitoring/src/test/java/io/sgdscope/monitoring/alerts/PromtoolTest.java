package io.sgdscope.monitoring.alerts;

import static io.sgdscope.monitoring.alerts.AlertFiles.ALERTMANAGER_CONFIG;
import static io.sgdscope.monitoring.alerts.AlertFiles.MODULE;
import static io.sgdscope.monitoring.alerts.AlertFiles.PROMETHEUS_CONFIG;
import static io.sgdscope.monitoring.alerts.AlertFiles.RULES_DIR;
import static io.sgdscope.monitoring.alerts.AlertFiles.RULE_TESTS_DIR;
import static io.sgdscope.monitoring.alerts.AlertFiles.yamlFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus and Alertmanager files checked by the real tools: {@code promtool check config},
 * {@code promtool check rules}, {@code promtool test rules} over every file in prometheus/tests, and
 * {@code amtool check-config}. Each assertion shows the tool's output when it fails.
 */
class PromtoolTest {

    private static ExternalTool promtool() {
        return ExternalTool.require("promtool", "prometheus");
    }

    @Test
    void aMissingToolFailsAndSaysHowToInstallIt() {
        assertThatThrownBy(() -> ExternalTool.require("sgdscope-no-such-tool", "prometheus"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sgdscope-no-such-tool")
                .hasMessageContaining("apt-get install prometheus");
    }

    @Test
    void prometheusConfigAndTheRulesItLoadsPassPromtoolCheckConfig() throws Exception {
        Path config = MODULE.resolve(PROMETHEUS_CONFIG);
        ExternalTool.Result result = promtool().run(config.getParent(), "check", "config", config.toString());
        assertThat(result.exitCode()).as("promtool check config:%n%s", result.output()).isZero();
        // the config's rule_files glob really found the rule files (check config checks them too)
        for (Path rules : yamlFiles(RULES_DIR)) {
            assertThat(result.output()).as("promtool check config:%n%s", result.output())
                    .contains(rules.getFileName().toString());
        }
    }

    @Test
    void ruleFilesPassPromtoolCheckRules() throws Exception {
        List<Path> rules = yamlFiles(RULES_DIR);
        assertThat(rules).isNotEmpty();
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        rules.forEach(p -> args.add(p.toString()));
        ExternalTool.Result result = promtool().run(MODULE, args.toArray(String[]::new));
        assertThat(result.exitCode()).as("promtool check rules:%n%s", result.output()).isZero();
        assertThat(result.output()).as("promtool check rules:%n%s", result.output())
                .contains("SUCCESS: " + AlertNames.ALL.size() + " rules found");
    }

    @Test
    void everyAlertTestPassesPromtoolTestRules() throws Exception {
        List<Path> tests = yamlFiles(RULE_TESTS_DIR);
        assertThat(tests).isNotEmpty();
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        tests.forEach(p -> args.add(p.toString()));
        ExternalTool.Result result = promtool().run(MODULE.resolve(RULE_TESTS_DIR), args.toArray(String[]::new));
        assertThat(result.exitCode()).as("promtool test rules:%n%s", result.output()).isZero();
        assertThat(result.output()).as("promtool test rules:%n%s", result.output()).doesNotContain("FAILED");
        for (Path test : tests) {
            assertThat(result.output()).as("every file was run:%n%s", result.output()).contains(test.getFileName().toString());
        }
    }

    @Test
    void alertmanagerConfigPassesAmtoolCheckConfig() throws Exception {
        Path config = MODULE.resolve(ALERTMANAGER_CONFIG);
        ExternalTool amtool = ExternalTool.require("amtool", "prometheus-alertmanager");
        ExternalTool.Result result = amtool.run(config.getParent(), "check-config", config.toString());
        assertThat(result.exitCode()).as("amtool check-config:%n%s", result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").contains("2 inhibit rules").contains("1 receivers");
    }

    @Test
    void alertmanagerRoutesEverySeverityToTheWebhook() throws Exception {
        Path config = MODULE.resolve(ALERTMANAGER_CONFIG);
        ExternalTool amtool = ExternalTool.require("amtool", "prometheus-alertmanager");
        for (Severity severity : Severity.values()) {
            ExternalTool.Result result = amtool.run(config.getParent(), "config", "routes", "test",
                    "--config.file=" + config, "--verify.receivers=sgdscope-webhook", "severity=" + severity.label());
            assertThat(result.exitCode()).as("amtool config routes test severity=%s:%n%s", severity.label(), result.output())
                    .isZero();
        }
    }
}
