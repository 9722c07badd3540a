package io.sgdscope.producers.sink;

import io.sgdscope.common.Sample;

/** Where produced samples go. */
public interface SampleSink extends AutoCloseable {

    /** Queues one sample; throws {@link SinkException} if an earlier send failed for good. */
    void send(Sample sample);

    /** Blocks until everything queued is acknowledged or failed. */
    void flush();

    @Override
    void close();
}
