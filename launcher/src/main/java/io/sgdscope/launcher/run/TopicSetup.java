package io.sgdscope.launcher.run;

import io.sgdscope.common.config.KafkaClientConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the pipeline's topics where missing; existing topics are left as they are. */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static void ensureTopics(KafkaClientConfig kafka, Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            List<NewTopic> wanted = names.stream()
                    .map(n -> new NewTopic(n, Optional.of(partitions), Optional.empty()))
                    .toList();
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics on " + kafka.bootstrapServers(), e);
        }
    }
}
