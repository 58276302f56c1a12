package io.github.maxcdc.examples;

import io.github.maxcdc.examples.cli.ArchiveCommand;
import io.github.maxcdc.examples.cli.DemoCommand;
import io.github.maxcdc.examples.cli.PublishCommand;
import io.github.maxcdc.examples.cli.ReplayCommand;
import io.github.maxcdc.examples.cli.ReplicateCommand;
import io.github.maxcdc.examples.cli.StatusCommand;
import io.github.maxcdc.examples.cli.StreamCommand;
import io.github.maxcdc.examples.cli.VerifyCommand;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code maxcdc} command line: {@code java -jar maxcdc.jar <command> ...}. Exit status 0 on
 * success, 1 when the stream fails (a one-line message on stderr names the cause), 2 for a usage
 * error. Commands: {@code stream} (print changes), {@code replicate} (apply them to a MariaDB
 * table), {@code archive} (write them to daily files), {@code publish} (write them to keyed Kafka
 * topics), {@code replay} (apply such files to a MariaDB table), {@code verify} (prove a target
 * table equal to its source), {@code status} (each replication stream's position and lag), {@code
 * demo} (the workshop on a simulated MaxScale and an embedded MariaDB).
 */
@Command(
    name = "maxcdc",
    mixinStandardHelpOptions = true,
    version = "maxcdc 0.1.0",
    description = "Change data capture for MariaDB through MaxScale.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * Runs the command line.
   *
   * @return the exit status
   */
  public static int run(
      String[] args, OutputStream stdout, PrintStream stderr, Map<String, String> env) {
    CommandLine commandLine =
        new CommandLine(new Main())
            .addSubcommand(new StreamCommand(stdout, env))
            .addSubcommand(new ReplicateCommand(stderr, env))
            .addSubcommand(new ArchiveCommand(stderr, env))
            .addSubcommand(new PublishCommand(stderr, env))
            .addSubcommand(new ReplayCommand(stderr, env))
            .addSubcommand(new VerifyCommand(stdout, env))
            .addSubcommand(new StatusCommand(stdout, stderr, env))
            .addSubcommand(new DemoCommand(stdout))
            .setErr(new PrintWriter(stderr, true))
            .setOut(new PrintWriter(stderr, true))
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  stderr.println("maxcdc " + cmd.getCommandName() + ": " + oneLine(e));
                  // verify answers 1 for "different": its errors need a status of their own
                  return cmd.getCommandSpec().userObject() instanceof VerifyCommand ? 2 : 1;
                });
    return commandLine.execute(args);
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.replace('\n', ' ');
  }
}
