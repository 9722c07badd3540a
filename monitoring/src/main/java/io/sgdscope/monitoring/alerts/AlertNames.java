package io.sgdscope.monitoring.alerts;

import java.util.List;

/**
 * The names of the alerts, declared once: the Prometheus alerts in
 * {@code monitoring/prometheus/rules/sgdscope-alerts.yml} (each with a section of the same name in
 * {@code monitoring/RUNBOOK.md}) and the live dashboard's conditions, which use the same names for
 * their instantaneous versions.
 */
public final class AlertNames {

    public static final String TRAINING_DIVERGED = "TrainingDiverged";
    public static final String LOSS_SPIKE = "LossSpike";
    public static final String EDGE_OF_STABILITY = "EdgeOfStability";
    public static final String RANK_COLLAPSE = "RankCollapse";
    public static final String DEAD_UNITS_HIGH = "DeadUnitsHigh";
    public static final String MARGIN_COLLAPSE = "MarginCollapse";
    public static final String DRIFT_DETECTED = "DriftDetected";
    public static final String LABEL_NOISE_SUSPECTED = "LabelNoiseSuspected";
    public static final String TRAINER_STALLED = "TrainerStalled";
    public static final String CONSUMER_LAG_GROWING = "ConsumerLagGrowing";
    public static final String DLQ_RATE_HIGH = "DlqRateHigh";

    /** Every Prometheus alert, in the order of the table. */
    public static final List<String> ALL = List.of(TRAINING_DIVERGED, LOSS_SPIKE, EDGE_OF_STABILITY, RANK_COLLAPSE,
            DEAD_UNITS_HIGH, MARGIN_COLLAPSE, DRIFT_DETECTED, LABEL_NOISE_SUSPECTED, TRAINER_STALLED,
            CONSUMER_LAG_GROWING, DLQ_RATE_HIGH);

    private AlertNames() {
    }
}
