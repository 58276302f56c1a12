package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo command, as a newcomer runs it: {@code java -jar maxcdc-demo.jar} in a JVM of
 * its own, on nothing but the jar. It must tell the story of the workshop with the target table
 * after each step, end with the target equal to the source, and leave nothing behind.
 */
class DemoIT {
  private static final String RULE =
      "   +----+----------------------+-----------+----------+---------------------+";

  @TempDir Path tmp;

  @Test
  void runsTheWorkshopOnEmbeddedDefaultsAndCleansUp() throws Exception {
    String out = runTheWorkshop();

    assertTrue(
        out.contains("SIMULATED MaxScale (the maxcdc"), "says the source is simulated:\n" + out);
    assertTrue(out.contains("maxcdc.jar replicate --host <maxscale-host>"), out);
  }

  @Test
  void runsTheWorkshopThroughAKafkaCdcTopicAndCleansUp() throws Exception {
    String out = runTheWorkshop("--kafka");

    assertTrue(out.contains("SIMULATED MaxScale KafkaCDC router"), out);
    assertTrue(out.contains("Starting an embedded Kafka broker"), out);
    assertTrue(out.contains("maxcdc.jar replicate --kafka-bootstrap <kafka-host>:9092"), out);
  }

  // runs the demo jar with 40 random orders and checks what both demos show and leave
  private String runTheWorkshop(String... options) throws Exception {
    Path jar = Path.of("target", "maxcdc-demo.jar");
    assertTrue(jar.toFile().isFile(), "the demo jar is built in the package phase");
    Path scratch = Files.createDirectories(tmp.resolve("java-tmp"));
    Path log = tmp.resolve("demo.log");

    Process demo =
        ChildJvm.startJar(
            List.of("-Djava.io.tmpdir=" + scratch),
            jar,
            CommandArgs.plus(List.of("--orders", "40"), options),
            Map.of(),
            log);
    ChildJvm.Exit exit = ChildJvm.await(demo, log, Duration.ofMinutes(3));
    String out = exit.output();

    assertEquals(0, exit.status(), out);
    // the snapshot copies the older orders no change stream carries, before the stream starts
    assertTrue(out.contains("3 rows copied; the stream starts"), out);
    assertEquals(
        "|  1 | Historique Alpha     |     35.00 | EXPEDIEE |",
        firstRowAfter(out, "after the snapshot: 3 rows"),
        out);
    assertEquals(
        "|  4 | Client A             |    120.50 | NOUVELLE |",
        rowAfter(out, "after the INSERT: 4 rows", 3),
        out);
    assertEquals(
        "|  4 | Client A             |    120.50 | PAYEE    |",
        rowAfter(out, "after the UPDATE: 4 rows", 3),
        out);
    assertTrue(out.contains("after the DELETE: 3 rows"), out);
    Matcher summary =
        Pattern.compile(
                "(\\d+) changes applied .*\\n.*\\n   target shop_dw.commandes_dw: (\\d+)"
                    + " rows, equal to the source")
            .matcher(out);
    assertTrue(summary.find(), "a summary with the target equal to the source:\n" + out);
    assertTrue(Integer.parseInt(summary.group(1)) > 40, out);
    assertTrue(out.strip().contains("Demo complete."), out);
    assertTrue(!out.contains(" ERROR ") && !out.contains("Exception"), out);

    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList(), "the demo removes its temporary files");
    }
    assertTrue(
        ProcessHandle.allProcesses()
            .noneMatch(
                p -> p.info().commandLine().map(c -> c.contains(scratch.toString())).orElse(false)),
        "no embedded MariaDB or Kafka broker is left running");
    return out;
  }

  @Test
  void theCommandLineJarSaysWhereTheDemoIs() throws Exception {
    Path jar = Path.of("target", "maxcdc.jar");
    assertTrue(jar.toFile().isFile(), "the command line jar is built in the package phase");
    Path log = tmp.resolve("cli.log");

    ChildJvm.Exit exit =
        ChildJvm.await(
            ChildJvm.startJar(jar, List.of("demo"), Map.of(), log), log, Duration.ofMinutes(1));

    assertEquals(1, exit.status(), exit.output());
    assertEquals(
        "maxcdc demo: the demo's simulated MaxScale and embedded MariaDB are not in this jar; run"
            + " java -jar cdc-examples/target/maxcdc-demo.jar (built by mvn package)",
        exit.output().strip());
  }

  /** The first table row printed after the line containing {@code heading}, without its date. */
  private static String firstRowAfter(String out, String heading) {
    return rowAfter(out, heading, 0);
  }

  /** Row {@code n} (from 0) of the table printed after {@code heading}, without its date. */
  private static String rowAfter(String out, String heading, int n) {
    int at = out.indexOf(heading);
    assertTrue(at >= 0, "no \"" + heading + "\" in:\n" + out);
    String[] lines = out.substring(at).split("\n");
    assertEquals(RULE, lines[1]);
    assertEquals(RULE, lines[3]);
    String row = lines[4 + n].strip();
    return row.substring(0, row.lastIndexOf('|', row.length() - 2) + 1);
  }
}
