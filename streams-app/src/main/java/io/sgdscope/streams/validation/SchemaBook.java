package io.sgdscope.streams.validation;

import io.sgdscope.common.Label;
import io.sgdscope.streams.StreamSchema;
import io.sgdscope.streams.StreamSchema.LabelTask;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The schema of each stream as validation sees it: the configured one, with any part configured as
 * "learn" filled in from the stream's first valid record. Learned parts live in a changelogged
 * store, so a restarted app keeps them; a per-instance cache keeps the hot path off the store.
 *
 * <p>One book per stream decides: validation's, in the task that owns the stream. It sees the
 * stream's samples and its labels (repartitioned by stream for it), so a learned task is fixed by
 * whichever labelled record comes first, and every later label of the stream is checked against it.
 */
public final class SchemaBook {

    /** Learned task for a stream whose first label was a class index: any index >= 0 is accepted. */
    static final LabelTask ANY_CLASS = LabelTask.classes(Integer.MAX_VALUE);

    private final Function<String, StreamSchema> configured;
    private final KeyValueStore<String, String> learned;
    private final Map<String, StreamSchema> cache = new HashMap<>();

    public SchemaBook(Function<String, StreamSchema> configured, KeyValueStore<String, String> learned) {
        this.configured = configured;
        this.learned = learned;
    }

    public StreamSchema schemaFor(String stream) {
        StreamSchema s = cache.get(stream);
        if (s == null) {
            s = configured.apply(stream);
            String stored = learned.get(stream);
            if (stored != null) {
                s = merge(s, parse(stored));
            }
            cache.put(stream, s);
        }
        return s;
    }

    /** Fixes the still-learnable parts of the stream's schema from a record that passed every check. */
    public void learnFrom(String stream, int dimension, Label label) {
        StreamSchema s = schemaFor(stream);
        int dim = s.dimension() == StreamSchema.LEARN_DIMENSION ? dimension : s.dimension();
        LabelTask task = s.task();
        if (task.kind() == LabelTask.Kind.LEARN && label != null) {
            task = label instanceof Label.ClassIndex ? ANY_CLASS : LabelTask.REGRESSION;
        }
        if (dim != s.dimension() || task != s.task()) {
            StreamSchema updated = new StreamSchema(dim, task);
            cache.put(stream, updated);
            learned.put(stream, format(updated));
        }
    }

    /** Fixes a still-learnable task from a label record that passed every check (a label says nothing of the dimension). */
    public void learnTaskFrom(String stream, Label label) {
        learnFrom(stream, StreamSchema.LEARN_DIMENSION, label);
    }

    /** Null if the label fits the stream's task, else why not. */
    public String labelProblem(String stream, Label label) {
        LabelTask task = schemaFor(stream).task();
        if (label instanceof Label.ClassIndex c) {
            if (task.kind() == LabelTask.Kind.REGRESSION) {
                return "stream '" + stream + "' is a regression task; got class " + c.index();
            }
            int limit = task.kind() == LabelTask.Kind.CLASSIFICATION ? task.classes() : Integer.MAX_VALUE;
            if (c.index() < 0 || c.index() >= limit) {
                return "class " + c.index() + " is outside [0, " + (limit == Integer.MAX_VALUE ? "inf" : limit)
                        + ") for stream '" + stream + "'";
            }
            return null;
        }
        if (task.kind() == LabelTask.Kind.CLASSIFICATION) {
            return "stream '" + stream + "' is a classification task (" + task + "); got real target " + label.asDouble();
        }
        return null;
    }

    private static StreamSchema merge(StreamSchema configured, StreamSchema stored) {
        int dim = configured.dimension() == StreamSchema.LEARN_DIMENSION ? stored.dimension() : configured.dimension();
        LabelTask task = configured.task().kind() == LabelTask.Kind.LEARN ? stored.task() : configured.task();
        return new StreamSchema(dim, task);
    }

    private static String format(StreamSchema s) {
        return s.dimension() + ";" + s.task().kind() + ";" + s.task().classes();
    }

    private static StreamSchema parse(String text) {
        String[] p = text.split(";");
        LabelTask.Kind kind = LabelTask.Kind.valueOf(p[1]);
        LabelTask task = kind == LabelTask.Kind.CLASSIFICATION ? LabelTask.classes(Integer.parseInt(p[2]))
                : kind == LabelTask.Kind.REGRESSION ? LabelTask.REGRESSION : LabelTask.LEARN;
        return new StreamSchema(Integer.parseInt(p[0]), task);
    }
}
