package io.sgdscope.streams.standardize;

import io.sgdscope.common.Sample;
import io.sgdscope.streams.wiring.StoreNames;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Standardises each sample's features with the running mean and variance of its stream, after
 * adding the sample to them. The moments live in a changelogged store keyed by stream. A
 * {@link Sample#joined()} sample was added when it passed unlabelled, so it is standardised with
 * the moments as they are when its label arrives, without being added again.
 */
public final class StandardizingProcessor implements Processor<String, Sample, String, Sample> {

    private final String storeName;
    private final Map<String, RunningMoments> cache = new HashMap<>();
    private ProcessorContext<String, Sample> context;
    private KeyValueStore<String, RunningMoments> store;

    public StandardizingProcessor(StoreNames stores) {
        this.storeName = stores.moments();
    }

    @Override
    public void init(ProcessorContext<String, Sample> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        cache.clear(); // init runs again when a task is revived; the store is the truth
    }

    @Override
    public void process(Record<String, Sample> record) {
        Sample s = record.value();
        RunningMoments m = cache.get(s.stream());
        if (m == null) {
            m = store.get(s.stream());
        }
        if (m == null || m.dimension() != s.dimension()) {
            m = new RunningMoments(s.dimension());
        }
        if (!s.joined()) {
            m.add(s.features());
        }
        cache.put(s.stream(), m);
        store.put(s.stream(), m);
        Sample z = s.withFeatures(m.standardize(s.features()));
        context.forward(record.withValue(z));
    }
}
