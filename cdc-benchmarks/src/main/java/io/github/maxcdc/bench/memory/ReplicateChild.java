package io.github.maxcdc.bench.memory;

import io.github.maxcdc.bench.apply.Target;
import io.github.maxcdc.bench.source.Shapes;
import io.github.maxcdc.testkit.EmbeddedMariaDb;
import io.github.maxcdc.testkit.FakeMaxScale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code maxcdc replicate} of {@code shop_tx.commandes} into the target table, in a JVM of
 * its own from this jar, as users run it ({@code --idle-exit 3s}).
 */
public final class ReplicateChild {
  private ReplicateChild() {}

  /**
   * Starts the command.
   *
   * @param jvmOptions options for the child JVM, e.g. {@code -Xmx64m}
   * @param out file that receives its stdout and stderr
   */
  public static Process start(
      FakeMaxScale server, EmbeddedMariaDb db, List<String> jvmOptions, Path out)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", jar(), "io.github.maxcdc.examples.Main"));
    command.addAll(
        List.of(
            "replicate",
            "--host",
            server.host(),
            "--port",
            String.valueOf(server.port()),
            "--user",
            FakeMaxScale.DEFAULT_USER,
            "--password-env",
            "CDC_PASSWORD",
            "--table",
            Shapes.COMMANDES.qualifiedName(),
            "--target-url",
            Target.url(db),
            "--target-user",
            "root",
            "--target-password-env",
            "DW_PASSWORD",
            "--target-table",
            Target.TABLE,
            "--idle-exit",
            "3s"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("CDC_PASSWORD", FakeMaxScale.DEFAULT_PASSWORD);
    builder.environment().put("DW_PASSWORD", "");
    return builder.start();
  }

  /** The class path this JVM runs from (the benchmarks jar), for the child JVM. */
  public static String jar() {
    return System.getProperty("java.class.path");
  }
}
