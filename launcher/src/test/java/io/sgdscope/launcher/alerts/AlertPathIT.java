package io.sgdscope.launcher.alerts;

import static io.sgdscope.monitoring.alerts.AlertNames.EDGE_OF_STABILITY;
import static io.sgdscope.monitoring.alerts.AlertNames.TRAINING_DIVERGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sgdscope.launcher.JarProcess;
import io.sgdscope.monitoring.alerts.AlertNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert path end to end, all on loopback: {@code sgdscope demo} as a process, the real Prometheus
 * (monitoring's rule files, 1s scrape and evaluation) and the real Alertmanager (monitoring's routes and
 * inhibitions, 1s waits), and a webhook receiver run by the test.
 *
 * <p>First a least-squares model on the sparse-regression scenario at η = 5: its sharpness is about 3.9, so
 * 2/λmax ≈ 0.5 and the step is ten times too large; TrainingDiverged or EdgeOfStability must reach the
 * webhook. Then the same model at η = 0.001 (and a momentum variant) for as long: neither may arrive, and
 * every rule must evaluate without error on the real series.
 */
class AlertPathIT {

    private static final Set<String> INSTABILITY = Set.of(TRAINING_DIVERGED, EDGE_OF_STABILITY);
    private static final Duration FIRE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration MIN_QUIET = Duration.ofSeconds(30);
    /** Recording rules plus the 11 alerts. */
    private static final int RULES = 6 + AlertNames.ALL.size();
    /** The trainer's log line for a divergence, with its local time. */
    private static final Pattern FIRST_DIVERGENCE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) WARN .* diverged at step");
    private static final Pattern HOST_PORT = Pattern.compile("http://([^/]+)/metrics");

    @TempDir
    Path tmp;

    private final List<AutoCloseable> running = new ArrayList<>();

    /** One demo with its own Prometheus, Alertmanager and webhook. */
    private record Run(JarProcess demo, AlertingStack stack, WebhookReceiver webhook, long demoStartNanos) {
    }

    private Run start(String name, String... demoArgs) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        long demoStart = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("demo", "--http-port", "0", "--data-dir", dir.resolve("demo").toString()));
        args.addAll(List.of(demoArgs));
        JarProcess demo = JarProcess.launch(args.toArray(String[]::new));
        running.add(() -> stopGracefully(demo));
        Matcher m = HOST_PORT.matcher(demo.awaitMetricsUrl());
        assertThat(m.find()).isTrue();
        WebhookReceiver webhook = new WebhookReceiver();
        running.add(webhook);
        AlertingStack stack = new AlertingStack(dir, m.group(1), webhook.url());
        running.add(stack);
        return new Run(demo, stack, webhook, demoStart);
    }

    private static void stopGracefully(JarProcess demo) throws InterruptedException {
        demo.process().destroy();
        if (!demo.process().waitFor(15, TimeUnit.SECONDS)) {
            demo.close();
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    @Test
    void aStepFarAbove2OverLambdaMaxReachesTheWebhookAndAHealthyRunStaysQuiet() throws Exception {
        // 1. far above the edge of stability
        Run bad = start("diverging", "--scenario", "sparse-regression", "--model", "linear:100-1",
                "--learning-rate", "5", "--metrics-interval", "1s");
        await().atMost(FIRE_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .failFast("the demo exited", () -> !bad.demo().process().isAlive())
                .until(() -> bad.webhook().received().stream()
                        .anyMatch(a -> INSTABILITY.contains(a.alertname()) && "firing".equals(a.status())));
        long firedAt = bad.webhook().received().stream()
                .filter(a -> INSTABILITY.contains(a.alertname()) && "firing".equals(a.status()))
                .mapToLong(WebhookReceiver.Received::arrivedNanos).min().orElseThrow();
        Map<String, String> firstArrivals = new LinkedHashMap<>();
        for (WebhookReceiver.Received a : bad.webhook().received()) {
            firstArrivals.putIfAbsent(a.alertname() + " (" + a.status() + ", " + a.labels().get("severity") + ")",
                    String.format("%.1f s after demo start, %.1f s after Prometheus start",
                            seconds(bad.demoStartNanos(), a.arrivedNanos()), seconds(bad.stack().startedNanos(), a.arrivedNanos())));
        }
        // the chain really went through Prometheus: it scraped the divergences and evaluated the rule
        assertThat(bad.stack().query("sgdscope_trainer_divergences_total > 0")).as(bad.stack().logs()).isNotEmpty();
        assertThat(bad.stack().ruleHealth()).as(bad.stack().logs()).hasSize(RULES).allSatisfy((rule, health) ->
                assertThat(health).as(rule).isEqualTo("ok"));
        Duration badRun = Duration.ofNanos(firedAt - bad.demoStartNanos());
        String latency = bad.demo().stderr().stream().map(FIRST_DIVERGENCE::matcher).filter(Matcher::find).findFirst()
                .map(d -> {
                    Instant diverged = LocalTime.parse(d.group(1)).atDate(LocalDate.now()).atZone(ZoneId.systemDefault()).toInstant();
                    Instant arrived = bad.webhook().received().stream().filter(a -> TRAINING_DIVERGED.equals(a.alertname()))
                            .map(WebhookReceiver.Received::arrivedAt).min(Instant::compareTo).orElse(null);
                    return arrived == null ? "no TrainingDiverged at the webhook"
                            : String.format("TrainingDiverged reached the webhook %.1f s after the trainer logged its first divergence",
                                    Duration.between(diverged, arrived).toMillis() / 1e3);
                }).orElse("no divergence logged");
        stopEverything();

        // 2. the same model at a healthy step size, watched at least as long
        Duration watch = badRun.compareTo(MIN_QUIET) > 0 ? badRun : MIN_QUIET;
        Run good = start("healthy", "--scenario", "sparse-regression", "--model", "linear:100-1",
                "--variant", "sgd:optimizer=sgd,learning-rate=0.001", "--variant", "momentum:optimizer=momentum,learning-rate=0.0002,momentum=0.9",
                "--metrics-interval", "1s");
        Duration remaining = watch.minusNanos(System.nanoTime() - good.demoStartNanos());
        await().during(remaining).atMost(remaining.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> good.webhook().received().stream().noneMatch(a -> INSTABILITY.contains(a.alertname())));
        // the quiet was observed on a live pipeline: Prometheus scraped training progress and evaluated the rules
        assertThat(good.stack().query("sgdscope_trainer_samples_total > 1000")).as(good.stack().logs()).isNotEmpty();
        assertThat(good.stack().query("sgdscope_trainer_divergences_total == 0")).isNotEmpty();
        for (String alert : INSTABILITY) {
            assertThat(good.stack().rule(alert).path("state").asText()).as(alert).isEqualTo("inactive");
        }
        // every recording and alerting rule evaluates without error on the real series of two models
        assertThat(good.stack().ruleHealth()).as(good.stack().logs()).hasSize(RULES).allSatisfy((rule, health) ->
                assertThat(health).as(rule).isEqualTo("ok"));
        List<String> healthyAlerts = good.webhook().received().stream().map(a -> a.alertname() + " (" + a.status() + ")").distinct().toList();

        System.out.println("AlertPathIT: diverging run (sparse-regression, linear:100-1, lr 5): alerts at the webhook, first arrival:");
        firstArrivals.forEach((alert, when) -> System.out.println("  " + alert + ": " + when));
        System.out.println("  " + latency);
        System.out.printf("AlertPathIT: healthy run (variants sgd lr 0.001, momentum lr 0.0002) watched %.1f s after demo start: %s%n",
                seconds(good.demoStartNanos(), System.nanoTime()), healthyAlerts.isEmpty() ? "no alerts" : healthyAlerts);
    }
}
