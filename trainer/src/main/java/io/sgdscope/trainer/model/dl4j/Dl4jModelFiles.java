package io.sgdscope.trainer.model.dl4j;

import io.sgdscope.trainer.model.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model files for checkpoints: a DL4J {@code ModelSerializer} zip (configuration JSON and the
 * float parameters, bit-exact) with one extra entry, {@value #SPEC_ENTRY}, holding the sgdscope
 * spec string, so {@code read} returns the spec that was written. DL4J ignores the extra entry:
 * {@code ModelSerializer.restoreMultiLayerNetwork} loads these files as they are.
 */
public final class Dl4jModelFiles {

    /** Zip entry with the model spec, UTF-8. */
    public static final String SPEC_ENTRY = "sgdscope-model-spec.txt";

    private Dl4jModelFiles() {
    }

    /** Writes the model; does not close {@code out}. */
    public static void write(ModelSpec spec, float[] params, OutputStream out) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(Dl4jModels.configuration(spec));
        net.init();
        if (params.length != net.numParams()) {
            throw new IllegalArgumentException("params has " + params.length + " values, model '" + spec + "' has "
                    + net.numParams());
        }
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, dl4j, false);
        ZipOutputStream zip = new ZipOutputStream(out);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        zip.putNextEntry(new ZipEntry(SPEC_ENTRY));
        zip.write(spec.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    public static void write(ModelSpec spec, float[] params, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(spec, params, out);
        }
    }

    /** Reads a file written by {@link #write}; does not close {@code in}. */
    public static LoadedModel read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        String specText = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(SPEC_ENTRY)) {
                    specText = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        if (specText == null) {
            throw new IOException("not an sgdscope model file: no " + SPEC_ENTRY + " entry (" + bytes.length
                    + " bytes)");
        }
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(specText);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad model spec '" + specText + "' in model file: " + e.getMessage(), e);
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (RuntimeException e) {
            throw new IOException("cannot restore the DL4J network of '" + specText + "': " + e.getMessage(), e);
        }
        if (spec.kind() == ModelSpec.Kind.DL4J) {
            spec = Dl4jModels.describe(net.getLayerWiseConfigurations(), spec.file());
        } else if (net.numParams() != spec.layout().numParams()) {
            throw new IOException("model file holds " + net.numParams() + " parameters, spec '" + spec + "' has "
                    + spec.layout().numParams());
        }
        return new LoadedModel(spec, net.params().toFloatVector());
    }

    public static LoadedModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
