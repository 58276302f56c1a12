package io.github.maxcdc.examples;

import java.time.Duration;

/**
 * Where the examples find MaxScale, the target and their secrets: environment variables, so that no
 * password is ever on a command line. {@code MAXSCALE_HOST} (default {@code localhost}), {@code
 * MAXSCALE_PORT} (4001), {@code CDC_USER} ({@code cdcuser}), {@code CDC_PASSWORD}, {@code DW_URL},
 * {@code DW_USER} ({@code etl_user}), {@code DW_PASSWORD}.
 */
final class Env {
  private Env() {}

  static String maxscaleHost() {
    return get("MAXSCALE_HOST", "localhost");
  }

  static int maxscalePort() {
    return Integer.parseInt(get("MAXSCALE_PORT", "4001"));
  }

  static String get(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null ? otherwise : value;
  }

  /** The variable's value; fails naming it when it is not set. */
  static String required(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException("set the environment variable " + name);
    }
    return value;
  }

  /** The first argument as a number of seconds, or practically forever. */
  static Duration secondsArgument(String[] args) {
    return Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 100L * 365 * 24 * 3600);
  }
}
