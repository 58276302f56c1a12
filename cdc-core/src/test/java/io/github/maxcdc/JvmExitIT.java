package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testing.ClientProgram;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Recording;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM whose program streams with a client ends normally when main returns: the client's threads
 * are daemon threads, and close() leaves none behind.
 */
class JvmExitIT {
  @ParameterizedTest
  @ValueSource(strings = {"close", "leave"})
  void theJvmExitsWhenMainReturns(String ending, @TempDir Path dir) throws Exception {
    try (FakeMaxScale server =
        FakeMaxScale.builder().replay(Recording.builtIn("a_commandes_json")).build()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-p",
                  System.getProperty("jdk.module.path", ""),
                  "--add-modules",
                  "ALL-MODULE-PATH",
                  ClientProgram.class.getName(),
                  String.valueOf(server.port()),
                  ending)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("output.txt").toFile())
              .start();
      boolean ended = process.waitFor(30, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor(); // before reading: its output ends with the process
      }
      String output = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
      assertTrue(ended, "the JVM did not exit; output:\n" + output);
      assertEquals(0, process.exitValue(), output);
      assertTrue(List.of(output.split("\n")).contains("main returns"), output);
    }
  }
}
