package io.sgdscope.trainer.model;

/**
 * What one {@link OnlineLearner#learn} call did: either it only buffered the sample towards a
 * mini-batch, or it took an optimizer step, whose loss it reports. A step's loss is non-finite
 * when the step diverged (and the divergence guard undid it).
 *
 * @param loss the step's mini-batch loss; NaN when no step was taken
 */
public record LearnOutcome(boolean stepped, double loss) {

    /** The sample was buffered; the parameters did not move. */
    public static final LearnOutcome BUFFERED = new LearnOutcome(false, Double.NaN);

    public static LearnOutcome stepped(double loss) {
        return new LearnOutcome(true, loss);
    }
}
