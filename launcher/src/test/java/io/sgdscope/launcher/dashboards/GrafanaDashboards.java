package io.sgdscope.launcher.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgdscope.launcher.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The provisioned Grafana dashboards of {@code monitoring/grafana/dashboards} and every PromQL query in them. */
public final class GrafanaDashboards {

    /** The uid of the provisioned Prometheus datasource every panel must use. */
    public static final String DATASOURCE_UID = "sgdscope-prometheus";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    /** One query: which dashboard, where in it (panel, annotation or variable), and the PromQL. */
    public record Query(String dashboard, String where, String expr) {
        public Set<String> metricNames() {
            try {
                return PromQl.metricNames(expr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(dashboard + ", " + where + ": " + e.getMessage(), e);
            }
        }
    }

    private GrafanaDashboards() {
    }

    public static Path directory() {
        return RepoRoot.path().resolve("monitoring/grafana/dashboards");
    }

    /** Every dashboard file, sorted by name. */
    public static List<Path> files() {
        try (Stream<Path> s = Files.list(directory())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every panel, including those inside rows. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    /** The queries of every dashboard: panel targets, annotations and template variables. */
    public static List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (Path f : files()) {
            out.addAll(queries(f.getFileName().toString(), read(f)));
        }
        return out;
    }

    public static List<Query> queries(String name, JsonNode dashboard) {
        List<Query> out = new ArrayList<>();
        for (JsonNode p : panels(dashboard)) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Query(name, "panel '" + p.path("title").asText() + "' " + t.path("refId").asText(),
                        t.path("expr").asText()));
            }
        }
        for (JsonNode a : dashboard.path("annotations").path("list")) {
            if (a.has("expr")) {
                out.add(new Query(name, "annotation '" + a.path("name").asText() + "'", a.path("expr").asText()));
            }
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                JsonNode q = v.path("query");
                String text = q.isTextual() ? q.asText() : q.path("query").asText();
                out.add(new Query(name, "variable '" + v.path("name").asText() + "'", variableSelector(text)));
            }
        }
        return out;
    }

    /**
     * The PromQL inside a Grafana variable query: the selector of {@code label_values(selector, label)}
     * (empty for {@code label_values(label)}); any other text is taken as PromQL.
     */
    static String variableSelector(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        if (!m.matches()) {
            return query;
        }
        String args = m.group(1);
        int comma = args.lastIndexOf(',');
        return comma < 0 ? "" : args.substring(0, comma).strip();
    }

    /** Every metric name the dashboards read. */
    public static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        queries().forEach(q -> names.addAll(q.metricNames()));
        return names;
    }
}
