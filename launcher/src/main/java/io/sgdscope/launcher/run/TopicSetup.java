package io.sgdscope.launcher.run;

import io.sgdscope.common.config.KafkaClientConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics where missing and waits until every partition has a leader;
 * existing topics are left as they are. Replication is the cluster's default.
 */
public final class TopicSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    public static void ensureTopics(KafkaClientConfig kafka, Collection<String> names, int partitions) {
        ensureTopics(kafka, names, partitions, Set.of());
    }

    /** Every topic of the deployment, those that keep only the latest record per key created compacted. */
    public static void ensureTopics(KafkaClientConfig kafka, io.sgdscope.common.topic.Topics topics, int partitions) {
        ensureTopics(kafka, topics.allNames(), partitions, Set.copyOf(topics.compactedNames()));
    }

    /** @param compacted those of {@code names} to create with {@code cleanup.policy=compact} */
    public static void ensureTopics(KafkaClientConfig kafka, Collection<String> names, int partitions,
                                    Set<String> compacted) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        Set<String> topics = new LinkedHashSet<>(names);
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            List<NewTopic> wanted = topics.stream()
                    .map(n -> new NewTopic(n, Optional.of(partitions), Optional.empty())
                            .configs(compacted.contains(n) ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topics " + topics + " were not ready on " + kafka.bootstrapServers()
                    + " within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Those of {@code names} that do not exist on the cluster, e.g. foreign topics an {@code ingest:} entry reads. */
    public static Set<String> missing(KafkaClientConfig kafka, Collection<String> names) {
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> missing = new LinkedHashSet<>(names);
            missing.removeAll(existing);
            return missing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of " + kafka.bootstrapServers() + ": " + e, e);
        }
    }

    /** The controller acknowledges a creation before the broker has loaded the partitions. */
    private static void awaitLeaders(Admin admin, Set<String> topics) throws InterruptedException, TimeoutException {
        Polling.await(TIMEOUT, Duration.ofMillis(50), () -> admin.describeTopics(topics).allTopicNames()
                .get(2, TimeUnit.SECONDS).values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }
}
