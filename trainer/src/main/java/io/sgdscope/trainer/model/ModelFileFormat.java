package io.sgdscope.trainer.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** How a model's parameters are stored inside a checkpoint: DL4J's ModelSerializer zip in production. */
public interface ModelFileFormat {

    void write(ModelSpec spec, float[] params, OutputStream out) throws IOException;

    /** The exact parameters written. */
    float[] readParams(InputStream in) throws IOException;
}
