package io.sgdscope.launcher.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query is valid PromQL to Prometheus's own parser: each one, with Grafana's
 * variables filled in, becomes a recording rule that the real {@code promtool check rules} parses.
 */
class DashboardQueriesPromtoolTest {

    private static final String INSTALL = "promtool is needed to parse the dashboards' PromQL: install it with "
            + "'sudo apt-get install prometheus' (Debian/Ubuntu; .ci/run does this) or put a Prometheus release's "
            + "promtool on the PATH";

    @TempDir
    Path dir;

    /** Grafana's interval variables become durations, the others (always inside matcher strings) match anything. */
    static String withVariablesFilled(String expr) {
        return expr.replaceAll("\\$__(rate_interval|interval|range)\\b", "1m")
                .replaceAll("\\$\\{\\w+(:\\w+)?}", ".*")
                .replaceAll("\\$\\w+", ".*");
    }

    @Test
    void variablesAreFilledWithADurationOrAnyValue() {
        assertThat(withVariablesFilled("rate(x{model=~\"$model\",s=~\"${stream}\"}[$__rate_interval]) + increase(y[$__range])"))
                .isEqualTo("rate(x{model=~\".*\",s=~\".*\"}[1m]) + increase(y[1m])");
    }

    @Test
    void promtoolParsesEveryQuery() throws Exception {
        List<GrafanaDashboards.Query> queries = GrafanaDashboards.queries().stream()
                .filter(q -> !q.expr().isBlank()).toList();
        assertThat(queries).isNotEmpty();
        Result r = check(rulesFile(queries.stream().map(q -> withVariablesFilled(q.expr())).toList()));
        assertThat(r.exitCode()).as("promtool check rules:%n%s", r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void promtoolRejectsABrokenQuery() throws Exception {
        Result r = check(rulesFile(List.of("sum(rate(x[1m])")));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("parse error");
    }

    @Test
    void aMissingPromtoolFailsWithAnInstallMessage() {
        assertThatThrownBy(() -> run("promtool-not-installed-" + ProcessHandle.current().pid(), dir.resolve("x.json")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("apt-get install prometheus");
    }

    private Path rulesFile(List<String> exprs) throws IOException {
        List<Map<String, String>> rules = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            Map<String, String> rule = new LinkedHashMap<>();
            rule.put("record", "dashboard:query_" + i);
            rule.put("expr", exprs.get(i));
            rules.add(rule);
        }
        Path file = dir.resolve("dashboard-queries.json"); // JSON is YAML, which promtool reads
        new ObjectMapper().writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules))));
        return file;
    }

    record Result(int exitCode, String output) {
    }

    private static Result check(Path rules) throws Exception {
        return run("promtool", rules);
    }

    private static Result run(String promtool, Path rules) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(promtool, "check", "rules", rules.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(INSTALL + " (" + e.getMessage() + ")", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
