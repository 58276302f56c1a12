package io.github.maxcdc.kafka.internal.publish;

import io.github.maxcdc.kafka.PublishException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the publisher's topics when they are missing: the table's topic with the partitions asked
 * for, the schemas and positions topics compacted, with one partition (their keys are few and each
 * is read whole). Existing topics are left as they are.
 */
public final class PublishTopics {
  private PublishTopics() {}

  /**
   * Creates the topics missing among {@code changes} ({@code partitions} partitions), {@code
   * schemas} and {@code positions} (compacted).
   *
   * @throws PublishException if the brokers do not answer within {@code timeout}, or refuse
   */
  public static void ensure(
      Map<String, Object> adminConfig,
      String changes,
      int partitions,
      String schemas,
      String positions,
      Duration timeout,
      String brokers)
      throws PublishException, InterruptedException {
    try (Admin admin = Admin.create(adminConfig)) {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(changes)) {
        missing.add(new NewTopic(changes, Optional.of(partitions), Optional.empty()));
      }
      for (String compacted : List.of(schemas, positions)) {
        if (!existing.contains(compacted)) {
          missing.add(
              new NewTopic(compacted, Optional.of(1), Optional.empty())
                  .configs(Map.of("cleanup.policy", "compact")));
        }
      }
      for (NewTopic topic : missing) {
        try {
          admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new PublishException(
                "cannot create topic " + topic.name() + " on " + brokers + ": " + cause(e),
                false,
                e.getCause());
          }
          // another publisher created it meanwhile: fine
        }
      }
    } catch (TimeoutException e) {
      throw unreachable(brokers, timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(brokers, timeout, e.getCause());
      }
      throw new PublishException(
          "cannot list the topics of " + brokers + ": " + cause(e), false, e.getCause());
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new PublishException(
          "cannot connect to Kafka at " + brokers + ": " + e.getMessage(), false, e);
    }
  }

  /** The error of brokers that did not answer within {@code timeout}. */
  public static PublishException unreachable(String brokers, Duration timeout, Throwable cause) {
    return new PublishException(
        "the Kafka brokers "
            + brokers
            + " did not answer within "
            + timeout.toMillis()
            + " ms: check that they run and that this host can reach them (bootstrap servers,"
            + " listeners, security settings)",
        true,
        cause);
  }

  private static String cause(ExecutionException e) {
    Throwable c = e.getCause() == null ? e : e.getCause();
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }
}
