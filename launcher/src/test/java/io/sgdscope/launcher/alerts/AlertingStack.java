package io.sgdscope.launcher.alerts;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus and Alertmanager of the Debian packages, on loopback with temp dirs: Prometheus
 * loads monitoring's real rule files, scrapes one target every second and evaluates every second;
 * Alertmanager runs monitoring's real alertmanager.yml (routes, inhibitions) with its webhook pointed at
 * the test's receiver and its waits cut to a second.
 */
final class AlertingStack implements AutoCloseable {

    static final Path MONITORING = Path.of(System.getProperty("basedir", ".")).resolve("../monitoring").toAbsolutePath().normalize();

    private final YAMLMapper yaml = new YAMLMapper();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private final int prometheusPort;
    private final int alertmanagerPort;
    private final long startedNanos;

    /** Starts Alertmanager, then Prometheus scraping {@code target} (host:port serving /metrics). */
    AlertingStack(Path dir, String target, String webhookUrl) throws IOException {
        this.dir = dir;
        Path prometheus = tool("prometheus", "prometheus");
        Path alertmanager = tool("prometheus-alertmanager", "prometheus-alertmanager");
        alertmanagerPort = freePort();
        prometheusPort = freePort();

        Path amConfig = dir.resolve("alertmanager.yml");
        yaml.writeValue(amConfig.toFile(), alertmanagerConfig(webhookUrl));
        Path promConfig = dir.resolve("prometheus.yml");
        Files.writeString(promConfig, """
                global: { scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s }
                rule_files: ["%s/*.yml"]
                alerting:
                  alertmanagers:
                    - static_configs: [ { targets: ["127.0.0.1:%d"] } ]
                scrape_configs:
                  - job_name: demo
                    static_configs: [ { targets: ["%s"] } ]
                """.formatted(MONITORING.resolve("prometheus/rules"), alertmanagerPort, target));

        startedNanos = System.nanoTime();
        start(List.of(alertmanager.toString(), "--config.file=" + amConfig, "--storage.path=" + dir.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address="), "alertmanager.log");
        start(List.of(prometheus.toString(), "--config.file=" + promConfig, "--storage.tsdb.path=" + dir.resolve("prom-data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort), "prometheus.log");
    }

    /** monitoring/alertmanager/alertmanager.yml with the webhook URL replaced and every wait cut to 1s. */
    private JsonNode alertmanagerConfig(String webhookUrl) throws IOException {
        ObjectNode config = (ObjectNode) yaml.readTree(MONITORING.resolve("alertmanager/alertmanager.yml").toFile());
        for (JsonNode receiver : config.path("receivers")) {
            for (JsonNode webhook : receiver.path("webhook_configs")) {
                ((ObjectNode) webhook).put("url", webhookUrl);
            }
        }
        shortenWaits((ObjectNode) config.get("route"));
        return config;
    }

    private static void shortenWaits(ObjectNode route) {
        route.put("group_wait", "1s");
        route.put("group_interval", "1s");
        for (JsonNode child : route.path("routes")) {
            ObjectNode r = (ObjectNode) child;
            if (r.has("group_wait")) {
                r.put("group_wait", "1s");
            }
            shortenWaits(r);
        }
    }

    private void start(List<String> cmd, String log) throws IOException {
        File out = dir.resolve(log).toFile();
        processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start());
    }

    static Path tool(String name, String debianPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p) && Files.isRegularFile(p)) {
                return p;
            }
        }
        return fail("%s is not on the PATH; install it with: sudo apt-get install %s (in CI, .ci/run does)", name, debianPackage);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    long startedNanos() {
        return startedNanos;
    }

    /** The {@code data} of a Prometheus HTTP API response, or null while Prometheus is not up yet. */
    JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + pathAndQuery))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? json.readTree(r.body()).path("data") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The result vector of an instant query (empty while Prometheus is not up). */
    List<JsonNode> query(String promql) {
        JsonNode data = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        List<JsonNode> result = new ArrayList<>();
        if (data != null) {
            data.path("result").forEach(result::add);
        }
        return result;
    }

    /** The rule named {@code name} as /api/v1/rules reports it, or null. */
    JsonNode rule(String name) {
        JsonNode data = api("/api/v1/rules");
        if (data != null) {
            for (JsonNode group : data.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (name.equals(rule.path("name").asText())) {
                        return rule;
                    }
                }
            }
        }
        return null;
    }

    /** Every rule's name (alerts and recording rules) with its health: ok, unknown (not evaluated yet) or err. */
    Map<String, String> ruleHealth() {
        Map<String, String> health = new TreeMap<>();
        JsonNode data = api("/api/v1/rules");
        if (data != null) {
            for (JsonNode group : data.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String error = rule.path("lastError").asText("");
                    health.put(rule.path("name").asText(), rule.path("health").asText() + (error.isEmpty() ? "" : ": " + error));
                }
            }
        }
        return health;
    }

    /** The last lines of both tools' logs, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (String log : List.of("prometheus.log", "alertmanager.log")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(log));
                sb.append("--- ").append(log).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
            } catch (IOException e) {
                sb.append("--- ").append(log).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
