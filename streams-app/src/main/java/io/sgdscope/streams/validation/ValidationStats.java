package io.sgdscope.streams.validation;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts of validation outcomes; a metrics binder reads them from outside. */
public final class ValidationStats {
    private final LongAdder valid = new LongAdder();
    private final Map<DlqReason, LongAdder> rejected = new EnumMap<>(DlqReason.class);

    public ValidationStats() {
        for (DlqReason r : DlqReason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    public void recordValid() {
        valid.increment();
    }

    public void recordRejected(DlqReason reason) {
        rejected.get(reason).increment();
    }

    public long valid() {
        return valid.sum();
    }

    public long rejected(DlqReason reason) {
        return rejected.get(reason).sum();
    }
}
