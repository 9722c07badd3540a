package io.sgdscope.launcher;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.launcher.cli.SgdscopeCommand;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code sgdscope} CLI. Exit codes: 0 success, 1 runtime failure, 2 usage or
 * configuration error. Errors print one line, never a stack trace.
 */
public final class Main {

    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SgdscopeCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            err.println(cmd.getCommandName() + ": " + e.getMessage() + " (see '" + qualifiedName(cmd) + " --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ConfigException || e.getCause() instanceof ConfigException) {
                ConfigException ce = e instanceof ConfigException c ? c : (ConfigException) e.getCause();
                err.println(cmd.getCommandName() + ": " + ce.getMessage());
                return EXIT_USAGE;
            }
            err.println(cmd.getCommandName() + ": error: " + describe(e));
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    private static String qualifiedName(CommandLine cmd) {
        return cmd.getParent() == null ? cmd.getCommandName()
                : qualifiedName(cmd.getParent()) + " " + cmd.getCommandName();
    }

    /** The message of the root cause, which is what a user can act on. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() != null ? e.getMessage() : root.toString();
        return root == e || msg.contains(String.valueOf(root.getMessage())) ? msg : msg + " (cause: " + root + ")";
    }
}
