package io.github.maxcdc.examples.cli;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The connection options of the commands that read a MariaDB target without writing to it through a
 * sink ({@code verify}, {@code status}), named as {@link TargetOptions} names them.
 */
public final class TargetConnectionOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--target-url",
      required = true,
      paramLabel = "JDBC_URL",
      description = "the target database, e.g. jdbc:mariadb://dw-host:3306/shop_dw")
  String url;

  @Option(names = "--target-user", required = true, description = "target database user")
  String user;

  @Option(
      names = "--target-password-env",
      required = true,
      paramLabel = "VAR",
      description = "name of the environment variable holding the target user's password")
  String passwordEnv;

  /**
   * The target user's password, from {@code env}.
   *
   * @throws ParameterException if the variable named by {@code --target-password-env} is not set
   */
  String password(Map<String, String> env) {
    String password = env.get(passwordEnv);
    if (password == null) {
      throw new ParameterException(
          spec.commandLine(),
          "environment variable " + passwordEnv + " (from --target-password-env) is not set");
    }
    return password;
  }
}
