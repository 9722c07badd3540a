package io.sgdscope.trainer.optim;

/**
 * The learning rate as a function of the step count t (0-based). Built by {@link #of}; an
 * optional linear warmup multiplies any schedule by (t+1)/warmup for the first warmup steps.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    double at(long step);

    enum Kind {
        /** eta. */
        CONSTANT,
        /** eta * gamma^floor(t / steps). */
        STEP,
        /** Cosine from eta down to eta*gamma over steps, then flat. */
        COSINE,
        /** eta for the first steps (the large-step phase), then eta*gamma: the "large then decay" regime. */
        LARGE_THEN_DECAY
    }

    static LearningRateSchedule of(Kind kind, double lr, long steps, double gamma, long warmup) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        if (kind != Kind.CONSTANT && steps < 1) {
            throw new IllegalArgumentException(kind.name().toLowerCase().replace('_', '-')
                    + " schedule needs schedule-steps >= 1, got " + steps);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        }
        LearningRateSchedule base = switch (kind) {
            case CONSTANT -> t -> lr;
            case STEP -> t -> lr * Math.pow(gamma, t / steps);
            case COSINE -> t -> {
                double progress = Math.min(t, steps) / (double) steps;
                double floor = lr * gamma;
                return floor + 0.5 * (lr - floor) * (1 + Math.cos(Math.PI * progress));
            };
            case LARGE_THEN_DECAY -> t -> t < steps ? lr : lr * gamma;
        };
        return warmup == 0 ? base : t -> t < warmup ? base.at(t) * (t + 1) / warmup : base.at(t);
    }
}
