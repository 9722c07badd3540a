package io.sgdscope.trainer.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgdscope.trainer.model.ModelFileFormat;
import io.sgdscope.trainer.model.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints on disk, one directory per input partition:
 * {@code <root>/<topic>-<partition>/ckpt-<nextOffset>/} holding a model file per model (DL4J
 * ModelSerializer), a state file per model (its training state, framed by {@link VersionedState};
 * this store only checksums it) and {@code manifest.json} with SHA-256 sums of both.
 * A checkpoint is written into a temporary directory, fsynced and renamed into place, so a crash
 * leaves either the whole checkpoint or none; a damaged one fails its checksums and is skipped.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "manifest.json";
    private static final String PREFIX = "ckpt-";
    private static final String TMP_PREFIX = ".tmp-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final int keep;
    private final ModelFileFormat format;
    /** Model specs by variant, to write model files; restoring needs only the params. */
    private final Function<String, ModelSpec> specOfVariant;

    public CheckpointStore(Path root, int keep, ModelFileFormat format, Function<String, ModelSpec> specOfVariant) {
        this.root = root;
        this.keep = keep;
        this.format = format;
        this.specOfVariant = specOfVariant;
    }

    public Path directoryOf(String topic, int partition) {
        return root.resolve(topic + "-" + partition);
    }

    /** Writes atomically and prunes old checkpoints of the partition; returns the new directory. */
    public Path write(PartitionCheckpoint c) {
        Path dir = directoryOf(c.topic(), c.partition());
        Path target = dir.resolve(String.format("%s%020d", PREFIX, c.nextOffset()));
        try {
            Files.createDirectories(dir);
            if (Files.exists(target)) {
                return target; // the same offset was checkpointed already: its content is the same
            }
            Path tmp = Files.createTempDirectory(dir, TMP_PREFIX);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT_VERSION);
            manifest.put("topic", c.topic());
            manifest.put("partition", c.partition());
            manifest.put("nextOffset", c.nextOffset());
            manifest.set("provenance", JSON.valueToTree(new TreeMap<>(c.provenance())));
            ArrayNode models = manifest.putArray("models");
            for (int i = 0; i < c.models().size(); i++) {
                PartitionCheckpoint.ModelState m = c.models().get(i);
                ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
                format.write(specOfVariant.apply(m.variant()), m.params(), modelBytes);
                String modelFile = "model-" + i + ".zip";
                String stateFile = "state-" + i + ".bin";
                writeSynced(tmp.resolve(modelFile), modelBytes.toByteArray());
                writeSynced(tmp.resolve(stateFile), m.state());
                models.addObject()
                        .put("stream", m.stream()).put("variant", m.variant())
                        .put("modelFile", modelFile).put("modelSha256", sha256(modelBytes.toByteArray()))
                        .put("stateFile", stateFile).put("stateSha256", sha256(m.state()));
            }
            writeSynced(tmp.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            fsyncDirectory(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(dir);
            prune(dir);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target, e);
        }
    }

    /** The newest checkpoint of the partition that reads back intact; damaged ones are skipped with a warning. */
    public Optional<PartitionCheckpoint> latest(String topic, int partition) {
        for (Path candidate : checkpoints(directoryOf(topic, partition))) {
            try {
                return Optional.of(read(candidate));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping damaged checkpoint {}: {}", candidate, e.getMessage());
            }
        }
        return Optional.empty();
    }

    PartitionCheckpoint read(Path dir) throws IOException {
        JsonNode m = JSON.readTree(Files.readAllBytes(dir.resolve(MANIFEST)));
        if (m.path("format").asInt() != FORMAT_VERSION) {
            throw new IOException("unsupported checkpoint format " + m.path("format") + ", expected " + FORMAT_VERSION);
        }
        List<PartitionCheckpoint.ModelState> models = new ArrayList<>();
        for (JsonNode model : m.withArray("models")) {
            byte[] modelBytes = verified(dir, model, "modelFile", "modelSha256");
            byte[] state = verified(dir, model, "stateFile", "stateSha256");
            float[] params = format.readParams(new ByteArrayInputStream(modelBytes));
            models.add(new PartitionCheckpoint.ModelState(model.path("stream").asText(), model.path("variant").asText(),
                    params, state));
        }
        Map<String, String> provenance = new TreeMap<>();
        m.path("provenance").fields().forEachRemaining(e -> provenance.put(e.getKey(), e.getValue().asText()));
        return new PartitionCheckpoint(m.path("topic").asText(), m.path("partition").asInt(),
                m.path("nextOffset").asLong(), provenance, models);
    }

    private static byte[] verified(Path dir, JsonNode model, String fileField, String shaField) throws IOException {
        String name = model.path(fileField).asText();
        if (name.isEmpty() || name.contains("/") || name.contains("..")) {
            throw new IOException("bad file name '" + name + "' in manifest");
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        if (!sha256(bytes).equals(model.path(shaField).asText())) {
            throw new IOException(name + " does not match its checksum");
        }
        return bytes;
    }

    /** Newest first. */
    static List<Path> checkpoints(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prune(Path dir) throws IOException {
        List<Path> all = checkpoints(dir);
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            deleteTree(old);
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path stale : s.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).toList()) {
                deleteTree(stale); // left by a crash mid-write; never renamed, so never read
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
