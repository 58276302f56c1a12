package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.event.TableId;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The MaxScale CDC listener of a command that asks it about tables it does not follow ({@code
 * status}): {@code --host}, {@code --port}, {@code --user}, {@code --password-env}, named and
 * described as in {@link SourceOptions}, without the {@code --table} that mixin requires. All
 * optional: without {@code --host} the command does not ask MaxScale.
 */
public final class ListenerOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--host", description = "MaxScale host")
  String host;

  @Option(
      names = "--port",
      defaultValue = "4001",
      description = "port of the CDC listener (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--user", description = "CDC user (with --host)")
  String user;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description =
          "name of the environment variable holding the CDC user's password (with --host)")
  String passwordEnv;

  /** Whether {@code --host} was given. */
  boolean given() {
    return host != null;
  }

  /**
   * Client builders on the listener, with its address and credentials, one per call, for the table
   * given.
   *
   * @throws ParameterException if {@code --user} or {@code --password-env} is missing, the variable
   *     is not set, or the address is invalid
   */
  Function<TableId, CdcClient.Builder> sources(Map<String, String> env) {
    if (user == null || passwordEnv == null) {
      throw usage(
          "--host needs --user and --password-env (the CDC user and the variable holding its"
              + " password)");
    }
    String password = env.get(passwordEnv);
    if (password == null) {
      throw usage("environment variable " + passwordEnv + " (from --password-env) is not set");
    }
    try {
      CdcClient.builder().address(host, port).credentials(user, password);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    return table ->
        CdcClient.builder().address(host, port).credentials(user, password).table(table);
  }

  /**
   * Refuses {@code --user} and {@code --password-env} without {@code --host}.
   *
   * @throws ParameterException if one is given without {@code --host}
   */
  void check() {
    if (host == null && (user != null || passwordEnv != null)) {
      throw usage("--user and --password-env need --host, the MaxScale CDC listener to ask");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
