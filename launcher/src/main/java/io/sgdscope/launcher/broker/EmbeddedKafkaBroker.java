package io.sgdscope.launcher.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.launcher.run.Polling;
import io.sgdscope.launcher.run.TopicSetup;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (combined KRaft broker + controller) running inside this JVM.
 *
 * <p>Both listeners bind to 127.0.0.1 only. The broker is tuned for one node: every internal
 * topic has one replica, so consumer groups, transactions and exactly-once Kafka Streams work.
 * Topics are never auto-created; use {@link #createTopics(Collection, int)}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerConfig.defaults())) {
 *     broker.createTopics(List.of("samples"), 3);
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Kafka's logs live in a subdirectory so that the data dir can be shared with other state. */
    private static final String LOG_SUBDIR = "kraft-combined-logs";
    private static final int DEFAULT_NODE_ID = 1;

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** The free ports we pick can be grabbed by another process before Kafka binds them. */
    private static final int MAX_BIND_ATTEMPTS = 3;
    private static final Object HALT_PROCEDURE_LOCK = new Object();

    private final KafkaRaftServer server;
    private final int port;
    private final String clusterId;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, String clusterId, Path dataDir, boolean ownsDataDir) {
        this.server = server;
        this.port = port;
        this.clusterId = clusterId;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /**
     * Formats storage if needed, starts the broker and returns once it serves client requests.
     *
     * @throws BrokerStartException if the broker is not ready within 30 s or fails to start;
     *                              everything started so far has been shut down
     */
    public static EmbeddedKafkaBroker start(EmbeddedBrokerConfig config) {
        Objects.requireNonNull(config, "config");
        boolean ownsDataDir = config.dataDir() == null;
        Path dataDir = ownsDataDir ? createTempDataDir() : prepareDataDir(config.dataDir());
        try {
            for (int attempt = 1; ; attempt++) {
                int clientPort = config.port() == 0 ? freePort() : requireFreePort(config.port());
                int controllerPort = freePortOtherThan(clientPort);
                try {
                    return startOnce(config, dataDir, ownsDataDir, clientPort, controllerPort);
                } catch (BrokerStartException e) {
                    // A lost controller port surfaces only as a fatal fault, so look at the ports themselves.
                    boolean lostPortRace = isBindFailure(e) || !isFree(clientPort) || !isFree(controllerPort);
                    if (attempt >= MAX_BIND_ATTEMPTS || !lostPortRace) {
                        throw e;
                    }
                    LOG.info("Port {} or {} was taken before the embedded broker could bind it; retrying",
                            clientPort, controllerPort);
                }
            }
        } catch (RuntimeException | Error e) {
            if (ownsDataDir) {
                deleteQuietly(dataDir);
            }
            throw e;
        }
    }

    /** {@code "127.0.0.1:<port>"}, for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client (PLAINTEXT) port. */
    public int port() {
        return port;
    }

    /** The KRaft cluster id; stable across restarts on the same data dir. */
    public String clusterId() {
        return clusterId;
    }

    /** The data directory: the configured one, or the temporary one deleted on close. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topics where missing and waits until every partition has a leader.
     * Topics that already exist are left as they are, whatever their partition count.
     */
    public void createTopics(Collection<String> names, int partitions) {
        Objects.requireNonNull(names, "names");
        ensureOpen();
        TopicSetup.ensureTopics(new KafkaClientConfig(bootstrapServers(), Map.of()), names, partitions);
    }

    /**
     * Shuts the broker down, waiting up to about 10 s, then deletes the data dir if it was
     * temporary. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        boolean stopped = shutdown(server);
        if (ownsDataDir) {
            if (stopped) {
                deleteQuietly(dataDir);
            } else {
                LOG.warn("Leaving temporary data dir {} in place: the broker may still be using it", dataDir);
            }
        }
        if (stopped) {
            LOG.info("Embedded Kafka broker on {} stopped in {} ms", bootstrapServers(), elapsedMillis(startNanos));
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Embedded Kafka broker on " + bootstrapServers() + " is closed");
        }
    }

    private static EmbeddedKafkaBroker startOnce(
            EmbeddedBrokerConfig config, Path dataDir, boolean ownsDataDir, int clientPort, int controllerPort) {
        long startNanos = System.nanoTime();
        String bootstrapServers = HOST + ":" + clientPort;
        Path logDir = dataDir.resolve(LOG_SUBDIR);
        KafkaRaftServer server = null;
        try {
            // A reused data dir keeps its identity; formatting it with another one would fail.
            MetaPropertiesEnsemble existing = new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(logDir.toString()))
                    .load();
            String clusterId = existing.clusterId().orElseGet(() -> Uuid.randomUuid().toString());
            int nodeId = existing.nodeId().orElse(DEFAULT_NODE_ID);

            Map<String, String> props = brokerProperties(config, nodeId, clientPort, controllerPort, logDir);
            KafkaConfig kafkaConfig = new KafkaConfig(props, false);
            formatStorage(clusterId, nodeId, logDir);

            server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            startupWithoutHalting(server);
            try (Admin admin = Admin.create(adminConfig(bootstrapServers, "embedded-kafka-readiness"))) {
                Polling.await(STARTUP_TIMEOUT, POLL_INTERVAL, () -> acceptsClientRequests(admin));
            }

            LOG.info("Embedded Kafka broker started on {} (cluster id {}, data dir {}) in {} ms",
                    bootstrapServers, clusterId, dataDir, elapsedMillis(startNanos));
            return new EmbeddedKafkaBroker(server, clientPort, clusterId, dataDir, ownsDataDir);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (server != null) {
                shutdown(server);
            }
            String reason = e instanceof TimeoutException
                    ? "it did not accept client requests within " + STARTUP_TIMEOUT.toSeconds() + " s"
                    : String.valueOf(e.getMessage());
            throw new BrokerStartException("Embedded Kafka broker failed to start on " + bootstrapServers
                    + " (controller port " + controllerPort + ", data dir " + dataDir + "): " + reason, e);
        }
    }

    /**
     * Kafka halts the JVM when the controller fails to start (for example when its port was
     * taken after we probed it). While starting we turn that halt into an exception, so that the
     * application gets a {@link BrokerStartException} instead of dying. The halt procedure is
     * process-wide, hence the lock; afterwards Kafka's default (halting) behaviour is restored.
     */
    private static void startupWithoutHalting(KafkaRaftServer server) {
        synchronized (HALT_PROCEDURE_LOCK) {
            Exit.setHaltProcedure((statusCode, message) -> {
                throw new IllegalStateException("a fatal error occurred during startup (Kafka asked to halt the JVM"
                        + " with status " + statusCode + "; the cause is logged above)");
            });
            try {
                server.startup();
            } finally {
                Exit.resetHaltProcedure();
            }
        }
    }

    private static Map<String, String> brokerProperties(
            EmbeddedBrokerConfig config, int nodeId, int clientPort, int controllerPort, Path logDir) {
        Map<String, String> props = new LinkedHashMap<>();

        // One process is the whole cluster: a static quorum with itself as the only voter.
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
        props.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("log.dirs", logDir.toString());
        // Without a bound the broker waits forever for a quorum that cannot form.
        props.put("server.max.startup.time.ms", Long.toString(STARTUP_TIMEOUT.toMillis()));

        // Internal topics cannot have more replicas than there are brokers.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // 50 partitions per internal topic (the default) only slow down the first group and transaction.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.num.partitions", "5");

        props.put("num.partitions", "1");
        // Topics are created explicitly, so a misspelt name fails instead of creating a new topic.
        props.put("auto.create.topics.enable", "false");
        // No other members can be on their way: rebalance immediately.
        props.put("group.initial.rebalance.delay.ms", "0");

        // The broker shares the JVM and CPU with the application; keep its footprint small.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));

        props.putAll(config.overrides());
        return props;
    }

    private static void formatStorage(String clusterId, int nodeId, Path logDir) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setClusterId(clusterId)
                .setNodeId(nodeId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                // Leaves an existing format (and the data in it) alone, so a data dir can be restarted.
                .setIgnoreFormatted(true)
                .run();
        LOG.debug("Storage format: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    private static boolean acceptsClientRequests(Admin admin) throws Exception {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) REQUEST_TIMEOUT.toMillis());
        return !admin.describeCluster(options).nodes().get().isEmpty();
    }

    private static Map<String, Object> adminConfig(String bootstrapServers, String clientId) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    }

    /**
     * Shuts the server down on a separate thread so that a stuck shutdown (the broker's
     * controlled shutdown has no overall bound) cannot block the caller for long.
     *
     * @return whether the server stopped within {@link #SHUTDOWN_TIMEOUT}
     */
    private static boolean shutdown(KafkaRaftServer server) {
        Thread shutdownThread = new Thread(() -> {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.warn("Embedded Kafka broker did not shut down cleanly", e);
            }
        }, "embedded-kafka-shutdown");
        shutdownThread.setDaemon(true);
        shutdownThread.start();
        try {
            shutdownThread.join(SHUTDOWN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shutdownThread.isAlive()) {
            LOG.warn("Embedded Kafka broker did not shut down within {} s", SHUTDOWN_TIMEOUT.toSeconds());
            return false;
        }
        return true;
    }

    private static Path createTempDataDir() {
        try {
            return Files.createTempDirectory("sgdscope-kafka-");
        } catch (IOException e) {
            throw new BrokerStartException("Could not create a temporary data dir for the embedded Kafka broker", e);
        }
    }

    private static Path prepareDataDir(Path configured) {
        Path dataDir = configured.toAbsolutePath().normalize();
        try {
            return Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new BrokerStartException("broker.data-dir " + dataDir + " cannot be used as a directory: " + e, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete temporary data dir {}: {}", dir, e.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerStartException("Could not find a free port on " + HOST, e);
        }
    }

    private static int freePortOtherThan(int taken) {
        int candidate = freePort();
        while (candidate == taken) {
            candidate = freePort();
        }
        return candidate;
    }

    /** Checks a fixed port up front: Kafka would report it only after a noisy partial startup. */
    private static int requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerStartException("broker.port " + port + " on " + HOST + " is not available: " + e.getMessage(), e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, loopback())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByName(HOST);
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
