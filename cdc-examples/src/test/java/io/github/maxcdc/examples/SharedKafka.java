package io.github.maxcdc.examples;

import io.github.maxcdc.testkit.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The embedded Kafka broker of this test JVM: a broker takes two JVMs and seconds to start, so the
 * test classes of a JVM (which run one after the other) share one. {@link #fresh()} hands it over
 * without the topics of the classes before, so that each class finds the well-known topic names
 * ({@code maxcdc.shop_tx.commandes}) new, as with a broker of its own. The JVM's exit kills it and
 * deletes its data. Not for classes that run in parallel in one JVM.
 */
final class SharedKafka {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static EmbeddedKafka broker; // guarded by SharedKafka.class

  private SharedKafka() {}

  /**
   * The broker, started on the first call; running (a class before may have stopped or killed it)
   * and holding no topic but Kafka's own.
   */
  static synchronized EmbeddedKafka fresh() {
    if (broker == null) {
      EmbeddedKafka started = EmbeddedKafka.builder().baseDir(Path.of("target")).start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.kill(); // its data is deleted: a clean stop would only take longer
                    started.close();
                  },
                  "maxcdc-test-kafka-stop"));
      broker = started;
    } else {
      broker.start(); // does nothing if it runs
      deleteTopics(broker);
    }
    return broker;
  }

  // deletes every topic but the internal ones, and waits until the broker lists none
  private static void deleteTopics(EmbeddedKafka kafka) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      Set<String> topics = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      while (!admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the topics of the classes before are still listed");
        }
        Thread.sleep(20); // polling a condition, with a deadline
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot delete the topics of the classes before", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting topics", e);
    }
  }
}
