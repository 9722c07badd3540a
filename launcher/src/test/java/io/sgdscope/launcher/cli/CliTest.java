package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.launcher.Main;
import io.sgdscope.trainer.TrainingSetting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage and configuration errors: all fail before anything starts, so no broker is needed. */
class CliTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "broker", "produce", "streams", "train", "bench", "experiment"})
    void everyCommandHasHelp(String command) {
        Result r = command.isEmpty() ? run("--help") : run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: sgdscope").contains("--help");
    }

    @Test
    void noCommandPrintsTheCommandList() {
        Result r = run();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("demo", "broker", "produce", "streams", "train", "bench");
    }

    @Test
    void unknownFlagIsOneLineNamingItWithExitCode2() {
        Result r = run("demo", "--http-prot", "9000");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--http-prot").contains("sgdscope demo --help");
    }

    @Test
    void badFlagValueIsNamed() {
        Result r = run("demo", "--duration", "soon");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--duration").contains("'soon'");
    }

    @Test
    void unknownKeyInTheConfigFileIsNamedWithItsLine() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "trainer:\n  learning-rate: 0.1\n  momentom: 0.9\n");
        Result r = run("demo", "--config", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("'trainer.momentom'").contains("unknown key").contains("bad.yaml:3");
    }

    @Test
    void badValueInTheConfigFileIsNamed() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "producer:\n  rate: -5\n");
        Result r = run("demo", "--config", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("'producer.rate'").contains("-5");
    }

    @Test
    void missingConfigFileIsAUsageError() {
        Result r = run("train", "--bootstrap-servers", "127.0.0.1:1", "--config", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("file not found");
    }

    @Test
    void unknownScenarioListsTheBuiltIns() {
        Result r = run("demo", "--scenario", "chaos");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("unknown scenario 'chaos'").contains("default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"produce", "streams", "train"})
    void servicesNeedBootstrapServers(String command) {
        Result r = run(command);
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("kafka.bootstrap.servers").contains("--bootstrap-servers");
    }

    @Test
    void malformedKafkaPropIsAUsageError() {
        Result r = run("train", "--bootstrap-servers", "127.0.0.1:1", "--kafka-prop", "no-equals-sign");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--kafka-prop");
    }

    @Test
    void badTrainerFlagIsNamedByKey() {
        Result r = run("train", "--bootstrap-servers", "127.0.0.1:1", "--learning-rate", "0");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("'trainer.learning-rate'");
    }

    @Test
    void printConfigShowsOriginsMasksSecretsAndStartsNothing() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "kafka:\n  sasl.jaas.config: 'PlainLoginModule required password=\"hunter2\";'\ntrainer:\n  window: 50\n");
        Result r = run("train", "--config", cfg.toString(), "--bootstrap-servers", "10.255.255.1:9092",
                "--learning-rate", "0.2", "--print-config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("kafka.bootstrap.servers = 10.255.255.1:9092    # command line")
                .contains("trainer.learning-rate = 0.2    # command line")
                .contains("trainer.window = 50    # " + cfg + ":4")
                .contains("kafka.sasl.jaas.config = ********")
                .doesNotContain("hunter2")
                .doesNotContain("metrics:");
    }

    @Test
    void printConfigMasksEverySecretFromFlagsAndFile() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "kafka:\n  ssl.truststore.password: TRUSTSTORE-VALUE-5\n");
        Result r = run("train", "--config", cfg.toString(), "--bootstrap-servers", "10.255.255.1:9092",
                "--kafka-prop", "security.protocol=SASL_SSL",
                "--kafka-prop", "ssl.keystore.key=-----BEGIN PRIVATE KEY-----PEM-KEY-VALUE-1",
                "--kafka-prop", "ssl.key.password=KEY-PASSWORD-VALUE-2",
                "--kafka-prop", "sasl.jaas.config=PlainLoginModule required username=\"u\" password=\"JAAS-VALUE-3\";",
                "--kafka-prop", "basic.auth.user.info=u:USER-INFO-VALUE-4",
                "--print-config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("kafka.security.protocol = SASL_SSL    # command line")
                .contains("kafka.ssl.keystore.key = ********    # command line")
                .contains("kafka.ssl.key.password = ********")
                .contains("kafka.sasl.jaas.config = ********")
                .contains("kafka.basic.auth.user.info = ********")
                .contains("kafka.ssl.truststore.password = ********    # " + cfg + ":2");
        for (String value : List.of("PEM-KEY-VALUE-1", "KEY-PASSWORD-VALUE-2", "JAAS-VALUE-3", "USER-INFO-VALUE-4",
                "TRUSTSTORE-VALUE-5")) {
            assertThat(r.out() + r.err()).doesNotContain(value);
        }
    }

    @Test
    void aKafkaPropWithoutAKeyIsRefusedWithoutEchoingItsValue() {
        Result r = run("train", "--bootstrap-servers", "127.0.0.1:1", "--kafka-prop", "=hunter2", "--print-config");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--kafka-prop").doesNotContain("hunter2");
    }

    @Test
    void aBadPredictionsChoiceNamesItsKey() {
        Result r = run("train", "--bootstrap-servers", "127.0.0.1:1", "--predictions", "some", "--print-config");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("'trainer.predictions'").contains("unlabelled");
    }

    @Test
    void printConfigStillRejectsBadValues() {
        Result r = run("train", "--bootstrap-servers", "127.0.0.1:1", "--learning-rate", "-1", "--print-config");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("'trainer.learning-rate'");
    }

    @Test
    void demoTakesEveryTrainerFlagAndShowsTheVariants() {
        Result r = run("demo", "--model", "mlp:64-32-2,act=tanh", "--executor", "fast", "--batch-size", "4",
                "--checkpoint-dir", dir.toString(), "--variant", "sgd-lr0.1:optimizer=sgd,learning-rate=0.1",
                "--variant", "sam:opt=sam,rho=0.05", "--metrics-every", "250", "--metrics-interval", "500ms",
                "--metrics-window", "128", "--predictions", "all", "--print-config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("trainer.model = mlp:64-32-2,act=tanh    # command line")
                .contains("trainer.variants.sgd-lr0.1 = optimizer=sgd,learning-rate=0.1    # command line")
                .contains("trainer.variants.sam = opt=sam,rho=0.05    # command line")
                .contains("trainer.batch-size = 4")
                .contains("trainer.checkpoint-dir = " + dir)
                .contains("trainer.metrics.every-steps = 250")
                .contains("trainer.metrics.min-interval = 500ms")
                .contains("trainer.metrics.window = 128")
                .contains("trainer.predictions = all    # command line");
        // and each variant as it will run, in the full words, aliases resolved and defaults filled in
        assertThat(r.out())
                .contains("variant.sam.optimizer = sam")
                .contains("variant.sam.sam-rho = 0.05")
                .contains("variant.sam.batch-size = 4")
                .contains("variant.sam.executor = fast")
                .contains("variant.sgd-lr0.1.learning-rate = 0.1");
        for (TrainingSetting s : TrainingSetting.values()) {
            assertThat(r.out()).contains("variant.sam." + s.word() + " = ");
        }
    }

    @Test
    void theVariantHelpNamesEveryWordOfTheVocabulary() {
        Result r = run("train", "--help");
        String help = r.out().replaceAll("\\s+", " ");
        for (TrainingSetting s : TrainingSetting.values()) {
            assertThat(help).contains(s.word());
            for (String alias : s.aliases()) {
                assertThat(help).containsPattern("[ ,]" + alias + "[ ,.]");
            }
        }
    }

    @Test
    void aBadMetricsOrDetectorSettingIsNamed() throws Exception {
        Result window = run("demo", "--metrics-window", "1", "--print-config");
        assertThat(window.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(window.err()).contains("'trainer.metrics.window'");
        Path cfg = dir.resolve("detectors.yaml");
        Files.writeString(cfg, "trainer:\n  drift:\n    detectors: adwin,kswin\n");
        Result detector = run("demo", "--config", cfg.toString(), "--print-config");
        assertThat(detector.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(detector.err()).contains("'trainer.drift.detectors'").contains("kswin");
    }

    @Test
    void aBadVariantOrModelIsNamedByKey() {
        Result variant = run("demo", "--variant", "fast:opt=adam", "--print-config");
        assertThat(variant.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(variant.err()).contains("'trainer.variants.fast'").contains("adam");
        Result model = run("train", "--bootstrap-servers", "127.0.0.1:1", "--model", "cnn:3-3");
        assertThat(model.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(model.err()).contains("'trainer.model'").contains("cnn");
    }

    @Test
    void theDemoDerivesItsModelFromTheProducerDimension() {
        Result r = run("demo", "--print-config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("trainer.model = linear:64-2");
    }
}
