package io.sgdscope.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the browser; a missing one is a failure that says how to install it, never a skip. */
class ChromiumTest {

    @TempDir
    Path dir;

    @Test
    void aMissingOverrideFailsWithTheInstallCommand() {
        assertThatThrownBy(() -> Chromium.locate(dir.resolve("no-such-chromium").toString(), ""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sgdscope.chromium=")
                .hasMessageContaining("sudo apt-get install chromium");
    }

    @Test
    void anOverrideThatExistsIsUsed() throws Exception {
        Path fake = Files.createFile(dir.resolve("my-chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(Chromium.locate(fake.toString(), "")).isEqualTo(fake);
    }

    @Test
    void withoutAnOverrideThePathIsSearchedAfterUsrBin() throws Exception {
        Path fake = Files.createFile(dir.resolve("chromium-browser"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path found = Chromium.locate(null, dir.toString());
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            assertThat(found).isEqualTo(Path.of("/usr/bin/chromium"));
        } else {
            assertThat(found).isEqualTo(fake);
        }
    }
}
