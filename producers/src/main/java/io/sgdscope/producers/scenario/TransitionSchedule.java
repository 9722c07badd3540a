package io.sgdscope.producers.scenario;

import io.sgdscope.common.DriftEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * When each phase begins and how it takes over from the one before. It knows only the phases as
 * configured: no sources, no random numbers, no clock. The caller advances it once per sample with
 * the sample's index and time, and gets back which phases the sample mixes ({@link Mixing}) and
 * the {@link DriftEvent}s to publish just before that sample.
 *
 * <p>For a phase that starts at sample s with width w, at sample t:
 * <ul>
 *   <li>abrupt: the new phase from s on;</li>
 *   <li>gradual: the new phase with probability 1 / (1 + exp(−4(t − s − w/2)/w)), MOA's
 *   ConceptDriftStream sigmoid centred in the window, and always from s + w on;</li>
 *   <li>incremental: the transform and priors interpolated at f = (t − s)/w, and the new source
 *   and noise with probability f, until s + w;</li>
 *   <li>recurring: the new and the previous phase alternate every {@code period} samples until the
 *   next phase; every switch is an event carrying the id of the phase that returns.</li>
 * </ul>
 * A phase with a time start begins with the first sample at or after that time since the stream's
 * first sample. Several phases may begin at the same sample; each gets its event.
 *
 * <p>Stateful (the active phase and where it began) but deterministic: the same calls give the
 * same answers. Not thread-safe.
 */
final class TransitionSchedule {

    /**
     * Which phases a sample comes from. {@code from == to} is a steady phase. Otherwise the sample
     * comes from {@code to} with probability {@code toProbability} (the caller tosses the coin);
     * when {@code interpolates}, the transform and priors are those at fraction
     * {@code toProbability} between the two phases and the sample's phase is {@code to} whatever the coin says.
     */
    record Mixing(int from, int to, double toProbability, boolean interpolates) {

        static Mixing steady(int phase) {
            return new Mixing(phase, phase, 1, false);
        }

        /** Whether the caller must toss a coin to choose between {@code from} and {@code to}. */
        boolean mixes() {
            return from != to;
        }
    }

    /** What {@link #advance} found for one sample. */
    record Step(Mixing mixing, List<DriftEvent> events) {
        Step {
            events = List.copyOf(events);
        }
    }

    /** Most samples start no phase: one shared empty list instead of one per sample. */
    private static final List<DriftEvent> NONE = List.of();

    private final String stream;
    private final List<PhaseSpec> phases;
    private final IntFunction<float[]> teacherOf;
    /** The steady mixing of each phase, made once: the loop asks for one per sample. */
    private final Mixing[] steady;

    private int active = -1;
    private long activeStart;

    /**
     * @param stream    the stream the events are about
     * @param teacherOf the teacher weights of phase i for its events, or null
     */
    TransitionSchedule(String stream, List<PhaseSpec> phases, IntFunction<float[]> teacherOf) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one phase");
        }
        this.stream = stream;
        this.phases = List.copyOf(phases);
        this.teacherOf = teacherOf;
        this.steady = new Mixing[phases.size()];
        for (int i = 0; i < steady.length; i++) {
            steady[i] = Mixing.steady(i);
        }
    }

    /**
     * The mixing of sample {@code index}, drawn at {@code nowMs}, {@code elapsedMs} after the
     * stream's first sample, and the events to publish before it. Call once per sample, in order.
     */
    Step advance(long index, long elapsedMs, long nowMs) {
        List<DriftEvent> events = NONE;
        while (active + 1 < phases.size() && begins(phases.get(active + 1), index, elapsedMs)) {
            active++;
            activeStart = index;
            events = added(events, begun(phases.get(active), index, nowMs));
        }
        Mixing mixing = mixing(index);
        DriftEvent recurred = recurringSwitch(index, nowMs);
        if (recurred != null) {
            events = added(events, recurred);
        }
        return new Step(mixing, events);
    }

    private static boolean begins(PhaseSpec p, long index, long elapsedMs) {
        return p.startTime() == null ? index >= p.startIndex() : elapsedMs >= p.startTime().toMillis();
    }

    private DriftEvent begun(PhaseSpec p, long index, long nowMs) {
        DriftEvent.Transition tr = p.transition();
        long end = ramps(tr) ? index + p.width() : index;
        return new DriftEvent(stream, index, nowMs, p.kind(), p.id(), tr, index, end, teacherOf.apply(p.id()));
    }

    private static boolean ramps(DriftEvent.Transition tr) {
        return tr == DriftEvent.Transition.GRADUAL || tr == DriftEvent.Transition.INCREMENTAL;
    }

    private Mixing mixing(long index) {
        if (active == 0) {
            return steady[0];
        }
        PhaseSpec p = phases.get(active);
        long t = index - activeStart;
        return switch (p.transition()) {
            case GRADUAL -> t >= p.width() ? steady[active]
                    : new Mixing(active - 1, active, 1 / (1 + Math.exp(-4.0 * (t - p.width() / 2.0) / p.width())), false);
            case INCREMENTAL -> t >= p.width() ? steady[active] : new Mixing(active - 1, active, (double) t / p.width(), true);
            case RECURRING -> steady[recurringPhase(t)];
            default -> steady[active];
        };
    }

    /** The recurring phase's switch at this sample, with the id of the phase that returns, or null. */
    private DriftEvent recurringSwitch(long index, long nowMs) {
        PhaseSpec p = phases.get(active);
        long t = index - activeStart;
        if (active == 0 || p.transition() != DriftEvent.Transition.RECURRING || t == 0 || t % p.period() != 0) {
            return null;
        }
        int back = recurringPhase(t);
        return new DriftEvent(stream, index, nowMs, p.kind(), back, DriftEvent.Transition.RECURRING, index, index,
                teacherOf.apply(back));
    }

    /** Under a recurring transition, the active phase in even periods and the previous one in odd ones. */
    private int recurringPhase(long t) {
        return (t / phases.get(active).period()) % 2 == 0 ? active : active - 1;
    }

    private static List<DriftEvent> added(List<DriftEvent> events, DriftEvent e) {
        List<DriftEvent> out = new ArrayList<>(events);
        out.add(e);
        return out;
    }
}
