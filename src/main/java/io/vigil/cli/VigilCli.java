package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command line: one entry point for the receiver, its tools and its admin tasks. */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Alarm receiver and event pipeline for security monitoring centres.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, DemoCommand.class, SimulateCommand.class,
                BenchCommand.class, SiteCommand.class, DecodeCommand.class, AuditCommand.class, ApiCommand.class,
                OperatorCommand.class, PkiCommand.class, DbCommand.class, StatusCommand.class, GatewayCommand.class, ClusterCommand.class})
public final class VigilCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        io.vigil.ops.LogSetup.apply(io.vigil.config.VigilProperties.load());
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new VigilCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
