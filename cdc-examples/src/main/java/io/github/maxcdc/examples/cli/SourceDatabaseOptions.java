package io.github.maxcdc.examples.cli;

import io.github.maxcdc.jdbc.SourceDatabase;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options naming the read-only connection to the source MariaDB (the server MaxScale replicates
 * from): {@code --source-url}, {@code --source-user}, {@code --source-password-env}, all or none.
 */
public final class SourceDatabaseOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--source-url",
      paramLabel = "JDBC_URL",
      description =
          "the source database MaxScale replicates from, read only, e.g."
              + " jdbc:mariadb://oltp-host:3306/shop_tx")
  String url;

  @Option(names = "--source-user", description = "source database user (SELECT, BINLOG MONITOR)")
  String user;

  @Option(
      names = "--source-password-env",
      paramLabel = "VAR",
      description = "name of the environment variable holding the source user's password")
  String passwordEnv;

  /** Whether a source connection was given. */
  public boolean present() {
    return url != null || user != null || passwordEnv != null;
  }

  /**
   * The source connection, if {@code --source-url} was given.
   *
   * @throws ParameterException if only some of the three options are given, the URL is not a JDBC
   *     URL or the password variable is not set
   */
  public Optional<SourceDatabase> database(Map<String, String> env) {
    if (!present()) {
      return Optional.empty();
    }
    if (url == null || user == null || passwordEnv == null) {
      throw usage(
          "a source connection needs --source-url, --source-user and --source-password-env"
              + " together");
    }
    String password = env.get(passwordEnv);
    if (password == null) {
      throw usage(
          "environment variable " + passwordEnv + " (from --source-password-env) is not set");
    }
    try {
      return Optional.of(SourceDatabase.jdbcUrl(url, user, password));
    } catch (IllegalArgumentException e) {
      throw usage("--source-url: " + e.getMessage());
    }
  }

  /**
   * The source connection, which the command needs.
   *
   * @throws ParameterException if it was not given, or as {@link #database(Map)}
   */
  public SourceDatabase required(Map<String, String> env, String why) {
    return database(env)
        .orElseThrow(
            () -> usage(why + " needs --source-url, --source-user and" + " --source-password-env"));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
