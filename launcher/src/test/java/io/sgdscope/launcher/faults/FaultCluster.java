package io.sgdscope.launcher.faults;

import java.util.List;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Three brokers and one KRaft controller (separate nodes) from Kafka's own {@link KafkaClusterTestKit},
 * set up as a production cluster is: replication factor 3 for every internal topic and
 * {@code min.insync.replicas=2}, so that a write survives one broker's loss. Nodes stop and start
 * in place, on their data directories and ports.
 */
final class FaultCluster implements AutoCloseable {

    static final int BROKERS = 3;

    final KafkaClusterTestKit kit;

    FaultCluster() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(false)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(BROKERS)
                .build();
        kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("default.replication.factor", "3")
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
    }

    String bootstrapServers() {
        return kit.bootstrapServers();
    }

    List<Integer> brokerIds() {
        return List.copyOf(kit.brokers().keySet());
    }

    /** Stops one broker; its replicas drop out of the ISR and the others lead. */
    void stopBroker(int id) {
        BrokerServer b = kit.brokers().get(id);
        b.shutdown();
        b.awaitShutdown();
    }

    /** Stops every broker, then the controller: the whole cluster is down. */
    void stopAll() {
        brokerIds().forEach(this::stopBroker);
        for (ControllerServer c : kit.controllers().values()) {
            c.shutdown();
        }
    }

    /** Starts the controller, then every broker, on the data directories they had. */
    void startAll() throws Exception {
        for (ControllerServer c : kit.controllers().values()) {
            c.startup();
        }
        for (BrokerServer b : kit.brokers().values()) {
            b.startup();
        }
        kit.waitForReadyBrokers();
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
