package io.sgdscope.producers.scenario;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.gen.Priors;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Imposes class priors on a source that has its own: draws the wanted class from the priors, then
 * keeps drawing from the source until that class comes up. Draws of other classes are buffered per
 * source and class and served first when their class is wanted later, so a skewed prior wastes
 * little of the source (and a file source's order is kept within each class).
 */
final class PriorShiftSampler {

    /** Draws a prior shift may spend looking for a class before it gives up. */
    static final int MAX_PRIOR_DRAWS = 100_000;
    /** Samples of unwanted classes kept per class and source; older ones are dropped. */
    static final int MAX_BUFFERED_PER_CLASS = 10_000;

    private final SplittableRandom rng;
    private final String stream;
    private final Map<Object, Map<Integer, ArrayDeque<Drawn>>> buffers = new IdentityHashMap<>();

    /**
     * @param rng    picks the wanted class; the scenario hands in its mixing stream so a seed's
     *               output stays what it was before this class was split out of the scenario loop
     * @param stream named in the error when a class never comes up
     */
    PriorShiftSampler(SplittableRandom rng, String stream) {
        this.rng = rng;
        this.stream = stream;
    }

    /**
     * The next draw whose class follows {@code cumulativePriors}, or null when the source is exhausted.
     *
     * @param source identifies the source whose leftovers may be reused
     * @param draw   the next clean draw of that source, or null when exhausted; its label must be a class
     * @param phase  named in the error when the wanted class never comes up
     */
    Drawn next(Object source, double[] cumulativePriors, Supplier<Drawn> draw, int phase) {
        int wanted = Priors.draw(cumulativePriors, rng);
        Map<Integer, ArrayDeque<Drawn>> byClass = buffers.computeIfAbsent(source, k -> new LinkedHashMap<>());
        ArrayDeque<Drawn> queue = byClass.get(wanted);
        if (queue != null && !queue.isEmpty()) {
            return queue.poll();
        }
        for (int tries = 0; tries < MAX_PRIOR_DRAWS; tries++) {
            Drawn d = draw.get();
            if (d == null) {
                return null;
            }
            int c = ((Label.ClassIndex) d.clean()).index();
            if (c == wanted) {
                return d;
            }
            ArrayDeque<Drawn> q = byClass.computeIfAbsent(c, k -> new ArrayDeque<>());
            if (q.size() >= MAX_BUFFERED_PER_CLASS) {
                q.poll();
            }
            q.add(d);
        }
        throw new IllegalStateException("prior shift of phase " + phase + " wants class " + wanted + " but source '"
                + stream + "' produced none in " + MAX_PRIOR_DRAWS + " draws");
    }
}
