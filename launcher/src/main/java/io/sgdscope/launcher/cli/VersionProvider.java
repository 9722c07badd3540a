package io.sgdscope.launcher.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"sgdscope " + io.sgdscope.launcher.run.Session.version()};
    }
}
