package io.github.maxcdc.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a JVM of its own, as users do, with its stdout and stderr in a file: to
 * kill it, to see every byte it prints (logs included) and to run the shaded jar.
 */
final class ChildJvm {
  private ChildJvm() {}

  /** What a finished child did. */
  record Exit(int status, String output) {}

  /** {@code java -cp <the test classpath> io.github.maxcdc.examples.Main args...}. */
  static Process startMain(List<String> args, Map<String, String> env, Path log)
      throws IOException {
    return startClass(Main.class, args, env, log);
  }

  /** {@code java options... -cp <the test classpath> io.github.maxcdc.examples.Main args...}. */
  static Process startMain(
      List<String> options, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    return startClass(options, Main.class, args, env, log);
  }

  /** {@code java -cp <the test classpath> main args...}. */
  static Process startClass(Class<?> main, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    return startClass(List.of(), main, args, env, log);
  }

  /** {@code java options... -cp <the test classpath> main args...}; later options win. */
  static Process startClass(
      List<String> options, Class<?> main, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(jvm());
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(main.getName());
    command.addAll(args);
    return start(command, env, log);
  }

  /** {@code java -jar jar args...}. */
  static Process startJar(Path jar, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    return startJar(List.of(), jar, args, env, log);
  }

  /** {@code java options... -jar jar args...}. */
  static Process startJar(
      List<String> options, Path jar, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(jvm());
    command.addAll(options);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(args);
    return start(command, env, log);
  }

  /** {@link #startMain} then {@link #await}: runs the command line to its end. */
  static Exit runMain(List<String> args, Map<String, String> env, Path log, Duration timeout)
      throws IOException, InterruptedException {
    return await(startMain(args, env, log), log, timeout);
  }

  /** Waits for the child to end on its own, killing it and failing after {@code timeout}. */
  static Exit await(Process process, Path log, Duration timeout)
      throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the child did not end within " + timeout + ":\n" + read(log));
    }
    return new Exit(process.exitValue(), read(log));
  }

  /**
   * Waits until the child logs that it streams {@code table}, failing if it dies or {@code timeout}
   * passes; returns {@link System#nanoTime()} when it saw it.
   */
  static long awaitStreaming(Process child, Path log, String table, Duration timeout, String run)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!read(log).contains(" streaming " + table)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(run + ": the child did not start streaming:\n" + read(log));
      }
      Thread.sleep(2); // polling a condition, with a deadline
    }
    return System.nanoTime();
  }

  /** What the child printed so far. */
  static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static List<String> jvm() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // a small heap and the C1 compiler only: the child starts fast and stays small
    return List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  }

  private static Process start(List<String> command, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }
}
