package io.sgdscope.trainer.drift;

/**
 * The chance level for a detector's score: a "detector" that ignores the data and fires
 * periodically, as often as the real detector has fired so far. Scored against the same truth with
 * the same horizon, its precision, recall and F1 are what that many evenly spaced alarms earn by
 * luck; a detector is only informative by its margin above them.
 *
 * <p>After n observations of which the real detector flagged k, the baseline's period is n/k and
 * it fires whenever that many samples have passed since its last alarm. It does not fire before
 * the real detector has. Like the scores, it starts afresh after a restore.
 */
final class RateMatchedBaseline {

    private long firstIndex = -1;
    private long lastFire = -1;

    /** @return true if the baseline fires at this sample, given the real detector's detections so far */
    boolean observe(long index, long realDetections) {
        if (firstIndex < 0) {
            firstIndex = index;
            lastFire = index;
        }
        if (realDetections == 0) {
            return false;
        }
        double period = (double) (index - firstIndex + 1) / realDetections;
        if (index - lastFire >= period) {
            lastFire = index;
            return true;
        }
        return false;
    }
}
