package io.sgdscope.producers.source;

/** A source whose features are a row-major grey image with pixels in [0, 1]; enables image transforms. */
public interface ImageSource extends SampleSource {

    int imageRows();

    int imageColumns();
}
