package io.sgdscope.launcher.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sgdscope.launcher.Main;
import io.sgdscope.launcher.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The root {@code docker-compose.yml} as the real {@code docker-compose} (Debian's package) resolves it:
 * valid, the nine services (three Kafka nodes), replicas, replication, health checks and restart policies everywhere, and only Grafana's and
 * Prometheus's ports published, on loopback. The sgdscope services' commands are run through the CLI
 * with {@code --print-config}, so a flag the jar does not have fails here rather than in a container.
 */
class DockerComposeTest {

    private static final String INSTALL = "docker-compose is needed to check docker-compose.yml: install it with "
            + "'sudo apt-get install docker-compose' (Debian/Ubuntu; .ci/run does this) or see "
            + "https://docs.docker.com/compose/install/";
    private static final Set<String> SERVICES = Set.of("kafka-1", "kafka-2", "kafka-3", "producers", "streams-app",
            "trainer", "prometheus", "alertmanager", "grafana");
    private static final List<String> KAFKA_NODES = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final String BOOTSTRAP = "kafka-1:9092,kafka-2:9092,kafka-3:9092";
    private static final Set<String> SGDSCOPE_PARTS = Set.of("producers", "streams-app", "trainer");

    private static JsonNode services;

    record Run(int exitCode, String out, String err) {
    }

    /** Runs docker-compose on the repository's file; a missing binary fails with how to install it. */
    static Run compose(String... args) {
        return run("docker-compose", args);
    }

    static Run run(String binary, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary, "-f", "docker-compose.yml"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(RepoRoot.path().toFile()).start();
        } catch (IOException e) {
            throw new AssertionError(INSTALL + " (" + e.getMessage() + ")", e);
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("docker-compose %s finished", cmd).isTrue();
            return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new AssertionError("docker-compose " + args[0] + " failed: " + e, e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void resolve() throws IOException {
        Run config = compose("config");
        assertThat(config.exitCode()).as(config.err()).isZero();
        services = new ObjectMapper(new YAMLFactory()).readTree(config.out()).path("services");
    }

    @Test
    void configQuietAcceptsTheFile() {
        Run quiet = compose("config", "-q");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).isEmpty();
    }

    @Test
    void theStackHasTheNineServices() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void onlyGrafanaAndPrometheusPublishPortsAndOnlyOnLoopback() {
        Map<String, List<String>> published = new TreeMap<>();
        services.fields().forEachRemaining(s -> {
            for (JsonNode port : s.getValue().path("ports")) {
                published.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(hostBinding(port));
            }
        });
        assertThat(published).containsOnlyKeys("grafana", "prometheus");
        assertThat(published.get("grafana")).containsExactly("127.0.0.1:3000");
        assertThat(published.get("prometheus")).containsExactly("127.0.0.1:9090");
    }

    /** {@code host_ip:published} of a port in short ({@code ip:host:container/proto}) or long syntax. */
    static String hostBinding(JsonNode port) {
        if (port.isObject()) {
            return port.path("host_ip").asText("0.0.0.0") + ":" + port.path("published").asText();
        }
        String[] parts = port.asText().replaceAll("/\\w+$", "").split(":");
        if (parts.length == 3) {
            return parts[0] + ":" + parts[1];
        }
        return "0.0.0.0:" + (parts.length == 2 ? parts[0] : "random");
    }

    @Test
    void hostBindingReadsEveryPortSyntax() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertThat(hostBinding(yaml.readTree("'127.0.0.1:3000:3000/tcp'"))).isEqualTo("127.0.0.1:3000");
        assertThat(hostBinding(yaml.readTree("'8080:80'"))).isEqualTo("0.0.0.0:8080");
        assertThat(hostBinding(yaml.readTree("'80'"))).isEqualTo("0.0.0.0:random");
        assertThat(hostBinding(yaml.readTree("{target: 80, published: 8080, host_ip: 127.0.0.1}"))).isEqualTo("127.0.0.1:8080");
        assertThat(hostBinding(yaml.readTree("{target: 80, published: 8080}"))).isEqualTo("0.0.0.0:8080");
    }

    @Test
    void everyServiceHasAHealthCheckAndARestartPolicy() {
        services.fields().forEachRemaining(s -> {
            JsonNode test = s.getValue().path("healthcheck").path("test");
            assertThat(test.isArray() && test.size() > 1).as("%s has a health check", s.getKey()).isTrue();
            assertThat(s.getValue().path("restart").asText()).as("%s restarts", s.getKey())
                    .isIn("unless-stopped", "always", "on-failure");
        });
    }

    @Test
    void theSgdscopePartsShareOneImageFromTheLauncherDockerfile() {
        for (String part : SGDSCOPE_PARTS) {
            JsonNode s = services.path(part);
            assertThat(Path.of(s.path("build").path("context").asText())).as(part)
                    .isEqualTo(RepoRoot.path().resolve("launcher"));
            assertThat(s.path("build").path("dockerfile").asText()).as(part).isEqualTo("Dockerfile");
            assertThat(s.path("image").asText()).as(part).isEqualTo("sgdscope:local");
            for (String node : KAFKA_NODES) {
                assertThat(s.path("depends_on").path(node).path("condition").asText()).as(part).isEqualTo("service_healthy");
            }
            assertThat(commandOf(part)).as(part).containsSubsequence("--bootstrap-servers", BOOTSTRAP)
                    .containsSubsequence("--http-bind", "0.0.0.0").containsSubsequence("--http-port", "9400");
        }
    }

    private static List<String> commandOf(String service) {
        List<String> command = new ArrayList<>();
        services.path(service).path("command").forEach(c -> command.add(c.asText()));
        return command;
    }

    @ParameterizedTest
    @ValueSource(strings = {"producers", "streams-app", "trainer"})
    void theSgdscopeCommandsAreValidForTheJar(String service) {
        List<String> args = new ArrayList<>(commandOf(service));
        args.add("--print-config");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(code).as("%s: %s", args, err).isZero();
        assertThat(out.toString()).contains("http.bind = 0.0.0.0").contains("http.port = 9400")
                .contains("kafka.bootstrap.servers = " + BOOTSTRAP);
    }

    @Test
    void kafkaIsAThreeNodeKraftQuorumWithReplicationThreeAndMinInsyncTwo() {
        Set<String> ids = new java.util.HashSet<>();
        Set<String> clusterIds = new java.util.HashSet<>();
        for (String node : KAFKA_NODES) {
            JsonNode env = services.path(node).path("environment");
            ids.add(env.path("KAFKA_NODE_ID").asText());
            clusterIds.add(env.path("CLUSTER_ID").asText());
            assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).as(node).isEqualTo("broker,controller");
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).as(node)
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).as(node).isEqualTo("PLAINTEXT://" + node + ":9092");
            assertThat(env.path("KAFKA_DEFAULT_REPLICATION_FACTOR").asText()).as(node).isEqualTo("3");
            assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asText()).as(node).isEqualTo("2");
            assertThat(env.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asText()).as(node).isEqualTo("3");
            assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asText()).as(node).isEqualTo("3");
            assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asText()).as(node).isEqualTo("2");
        }
        assertThat(ids).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(clusterIds).as("one cluster id for all nodes").hasSize(1).doesNotContain("");
        // sgdscope creates its topics with 3 replicas (and checks existing ones)
        for (String part : SGDSCOPE_PARTS) {
            JsonNode env = services.path(part).path("environment");
            assertThat(env.path("SGDSCOPE_TOPICS_REPLICATION_FACTOR").asText()).as(part).isEqualTo("3");
            assertThat(env.path("SGDSCOPE_TOPICS_PARTITIONS").asInt()).as(part).isGreaterThan(1);
        }
    }

    @Test
    void theStreamsAppAndTheTrainerRunSeveralReplicasWithinThePartitionCount() {
        int partitions = services.path("trainer").path("environment").path("SGDSCOPE_TOPICS_PARTITIONS").asInt();
        for (String part : List.of("streams-app", "trainer")) {
            int replicas = services.path(part).path("deploy").path("replicas").asInt();
            assertThat(replicas).as("%s replicas", part).isGreaterThan(1)
                    .as("more replicas than partitions would idle").isLessThanOrEqualTo(partitions);
        }
        assertThat(volumes("trainer")).as("the trainers share their checkpoints, so a partition's models follow it")
                .anyMatch(v -> v.startsWith("trainer-checkpoints:/var/lib/sgdscope/checkpoints"));
        assertThat(commandOf("trainer")).containsSubsequence("--checkpoint-dir", "/var/lib/sgdscope/checkpoints");
        assertThat(volumes("streams-app")).as("one state directory per Kafka Streams instance, never shared").isEmpty();
    }

    @Test
    void prometheusDiscoversEveryReplicaOfTheSgdscopeServices() throws IOException {
        JsonNode prom = new ObjectMapper(new YAMLFactory()).readTree(
                RepoRoot.path().resolve("monitoring/prometheus/prometheus.yml").toFile());
        Map<String, JsonNode> jobs = new TreeMap<>();
        prom.path("scrape_configs").forEach(j -> jobs.put(j.path("job_name").asText(), j));
        for (String part : SGDSCOPE_PARTS) {
            JsonNode dns = jobs.get(part).path("dns_sd_configs").path(0);
            assertThat(dns.path("names").path(0).asText()).as(part).isEqualTo(part);
            assertThat(dns.path("type").asText()).as(part).isEqualTo("A");
            assertThat(dns.path("port").asInt()).as(part).isEqualTo(9400);
            assertThat(jobs.get(part).has("static_configs")).as("%s: a static target would be one replica", part).isFalse();
        }
    }

    @Test
    void grafanaAndPrometheusMountTheRepositorysMonitoringFiles() {
        Path root = RepoRoot.path();
        assertThat(volumes("grafana")).contains(
                root.resolve("monitoring/grafana/provisioning") + ":/etc/grafana/provisioning:ro",
                root.resolve("monitoring/grafana/dashboards") + ":/var/lib/grafana/dashboards:ro");
        assertThat(volumes("prometheus")).contains(root.resolve("monitoring/prometheus") + ":/etc/prometheus:ro");
        assertThat(volumes("alertmanager")).contains(
                root.resolve("monitoring/alertmanager/alertmanager.yml") + ":/etc/alertmanager/alertmanager.yml:ro");
        assertThat(services.path("grafana").path("environment").path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
    }

    private static List<String> volumes(String service) {
        List<String> out = new ArrayList<>();
        services.path(service).path("volumes").forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void aMissingDockerComposeFailsWithAnInstallMessage() {
        // the path a machine without docker-compose takes, forced by a binary name that cannot exist
        assertThatThrownBy(() -> run("docker-compose-not-installed-" + ProcessHandle.current().pid(), "config", "-q"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("docker-compose is needed")
                .hasMessageContaining("apt-get install docker-compose");
    }
}
