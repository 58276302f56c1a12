package io.github.maxcdc.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) for tests, bound to
 * 127.0.0.1 only: nothing to install. It runs in a child JVM started from this JVM's class path, so
 * {@link #kill()} is a real SIGKILL and the broker's own dependencies (Scala, its logging) stay out
 * of the test's JVM. {@link #stop()} and {@link #start()} take it away and bring it back on the
 * same port and data; {@link #close()} stops it and deletes its data.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
 *     kafka.createTopic("shop_tx_cdc", 1);
 *     String bootstrap = kafka.bootstrapServers();   // 127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p>Needs {@code org.apache.kafka:kafka_2.13} (the broker) and {@code kafka-clients} on the test
 * class path: optional dependencies of the testkit, added to your tests. A broker is ready in 2 to
 * 4 seconds and uses about 300 MB. Thread-safe.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static EmbeddedKafka shared; // guarded by EmbeddedKafka.class

  private static final String BROKER_MAIN = "kafka.Kafka";
  private static final String FORMAT_MAIN = "kafka.tools.StorageTool";

  private final Path dir;
  private final int port;
  private final Path config;
  private final Duration startTimeout;
  private Process process;

  private EmbeddedKafka(Path dir, int port, Path config, Duration startTimeout) {
    this.dir = dir;
    this.port = port;
    this.config = config;
    this.startTimeout = startTimeout;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The broker of this JVM, for test classes that run one after the other (a broker takes a JVM of
   * its own and seconds to start): started with the builder's defaults on the first call, the same
   * instance after, started again if a caller stopped or killed it. The JVM's exit kills it and
   * deletes its data; its {@link #close()} is for that exit only. Call {@link #deleteTopics()} to
   * hand it to the next class without the topics of the classes before.
   */
  public static synchronized EmbeddedKafka shared() {
    if (shared == null) {
      EmbeddedKafka started = builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.kill(); // its data is deleted: a clean stop would only take longer
                    started.close();
                  },
                  "maxcdc-kafka-stop"));
      shared = started;
    } else {
      shared.start(); // does nothing if it runs
    }
    return shared;
  }

  /**
   * Deletes every topic but Kafka's internal ones, and waits until the broker lists none, so that
   * well-known topic names start empty again.
   *
   * @return this broker
   * @throws IllegalStateException if the topics cannot be deleted, or are still listed after a
   *     minute
   */
  public EmbeddedKafka deleteTopics() {
    long timeout = Duration.ofSeconds(60).toSeconds();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers()))) {
      java.util.Set<String> topics = admin.listTopics().names().get(timeout, TimeUnit.SECONDS);
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get(timeout, TimeUnit.SECONDS);
      }
      while (!admin.listTopics().names().get(timeout, TimeUnit.SECONDS).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "deleted topics are still listed after " + timeout + " s");
        }
        Thread.sleep(20); // polling a condition, with a deadline
      }
      return this;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot delete the topics of " + this, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting the topics of " + this, e);
    }
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The broker's port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** Whether the broker process is running. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the broker (again, on the same port and data) and waits until it answers.
   *
   * @throws IllegalStateException if it does not start within the builder's timeout; the message
   *     holds the end of the broker's log
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    process = launch(BROKER_MAIN, config.toString());
    long deadline = System.nanoTime() + startTimeout.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failure("the Kafka broker exited with status " + process.exitValue(), null);
      }
      try (Admin admin = Admin.create(clientConfig(Duration.ofSeconds(2)))) {
        admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the Kafka broker started", e);
      }
    }
    process.destroyForcibly();
    throw failure(
        "the Kafka broker did not answer within " + startTimeout.toSeconds() + " s", last);
  }

  /** Stops the broker cleanly (SIGTERM, then waits); {@link #start()} brings it back. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Kills the broker (SIGKILL): unflushed data is lost as in a crash. {@link #start()} again. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Creates a topic with one replica. */
  public void createTopic(String topic, int partitions) {
    try (Admin admin = Admin.create(clientConfig(Duration.ofSeconds(30)))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    }
  }

  /**
   * Writes {@code records} to {@code topic} in order, each to its own partition with its key, value
   * and timestamp, and waits until the broker has them all (the topic must exist with enough
   * partitions).
   */
  public void produce(String topic, List<KafkaCdcRecording.KafkaRecord> records) {
    Map<String, Object> config = clientConfig(Duration.ofSeconds(30));
    config.put("key.serializer", ByteArraySerializer.class.getName());
    config.put("value.serializer", ByteArraySerializer.class.getName());
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("linger.ms", "5");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      for (KafkaCdcRecording.KafkaRecord r : records) {
        producer.send(
            new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value()));
      }
      producer.flush();
    }
  }

  /**
   * Creates {@code topic} with the recording's partitions and writes the recording's records into
   * it, each to its partition with its key, value and timestamp: the topic MaxScale wrote.
   */
  public void load(String topic, KafkaCdcRecording recording) {
    createTopic(topic, recording.partitions());
    produce(topic, recording.records());
  }

  /** Stops the broker and deletes its data. */
  @Override
  public void close() {
    stop();
    deleteTree(dir);
  }

  @Override
  public String toString() {
    return "embedded Kafka " + bootstrapServers();
  }

  private Map<String, Object> clientConfig(Duration timeout) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("bootstrap.servers", bootstrapServers());
    c.put("request.timeout.ms", (int) timeout.toMillis());
    c.put("default.api.timeout.ms", (int) timeout.toMillis());
    c.put("max.block.ms", timeout.toMillis());
    return c;
  }

  private Process launch(String main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms64m");
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.io.tmpdir=" + dir);
    command.add("-Djava.awt.headless=true");
    // if the class path holds slf4j-simple, its log goes to broker.log whatever the test configured
    command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-cp");
    command.add(childClassPath());
    command.add(main);
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for " + main, e);
    }
  }

  private IllegalStateException failure(String problem, Throwable cause) {
    return new IllegalStateException(
        problem + "; the end of its log (" + dir.resolve("broker.log") + "):\n" + logTail(), cause);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("broker.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  // this JVM's class and module paths: the broker's jars are there as test dependencies
  private static String childClassPath() {
    List<String> entries = new ArrayList<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        // absolute: the broker runs in its own directory
        for (String entry : value.split(File.pathSeparator)) {
          entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback", e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temporary directory is not a test failure
    }
  }

  /** Configures and starts an {@link EmbeddedKafka}. */
  public static final class Builder {
    private Path baseDir;
    private Duration startTimeout = Duration.ofSeconds(90);
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Where the broker's directory is created (default: {@code java.io.tmpdir}); it is deleted by
     * {@link EmbeddedKafka#close()}.
     */
    public Builder baseDir(Path baseDir) {
      this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
      return this;
    }

    /** How long {@link #start()} waits for the broker to answer (default 90 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * A broker property ({@code server.properties}), e.g. {@code log.retention.ms}; the listeners,
     * node id and data directory are the builder's and cannot be set.
     */
    public Builder brokerProperty(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (key.startsWith("listener") || key.equals("node.id") || key.equals("log.dirs")) {
        throw new IllegalArgumentException(key + " is set by EmbeddedKafka");
      }
      properties.put(key, value);
      return this;
    }

    /**
     * Formats a new data directory and starts the broker.
     *
     * @throws IllegalStateException if the broker's classes are not on the class path, or it does
     *     not start
     */
    public EmbeddedKafka start() {
      requireBrokerClasses();
      try {
        Path base = baseDir != null ? baseDir : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "kafka-").toAbsolutePath();
        int port = freePort();
        int controller = freePort();
        Path config = dir.resolve("server.properties");
        writeConfig(config, dir.resolve("data"), port, controller);
        EmbeddedKafka kafka = new EmbeddedKafka(dir, port, config, startTimeout);
        kafka.format();
        kafka.start();
        return kafka;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the Kafka broker's directory", e);
      }
    }

    private void writeConfig(Path file, Path data, int port, int controller) throws IOException {
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controller);
      p.put(
          "listeners",
          String.format(
              Locale.ROOT, "PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d", port, controller));
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("log.dirs", data.toString());
      p.put("num.partitions", "1");
      p.put("auto.create.topics.enable", "false");
      p.put("offsets.topic.replication.factor", "1");
      p.put("offsets.topic.num.partitions", "4");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("transaction.state.log.num.partitions", "4");
      p.put("share.coordinator.state.topic.replication.factor", "1");
      p.put("share.coordinator.state.topic.min.isr", "1");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("num.network.threads", "2");
      p.put("num.io.threads", "2");
      p.putAll(properties);
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(w, "embedded Kafka broker of the maxcdc testkit");
      }
    }

    private static void requireBrokerClasses() {
      try {
        Class.forName(BROKER_MAIN, false, EmbeddedKafka.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException(
            "EmbeddedKafka needs the Kafka broker on the test class path: add the dependency"
                + " org.apache.kafka:kafka_2.13 (test scope)",
            e);
      }
    }
  }

  private void format() {
    Process p =
        launch(
            FORMAT_MAIN,
            "format",
            "--config",
            config.toString(),
            "--cluster-id",
            clusterId(),
            "--standalone");
    try {
      if (!p.waitFor(startTimeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw failure("formatting the Kafka broker's storage timed out", null);
      }
      if (p.exitValue() != 0) {
        throw failure(
            "formatting the Kafka broker's storage failed: status " + p.exitValue(), null);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting the Kafka storage", e);
    }
  }

  // Kafka's Uuid in base64 form, from a random UUID, without Kafka's classes. Like Kafka's
  // Uuid.randomUuid(), never one starting with '-': the storage tool would take it for an option
  // ("argument --cluster-id/-t: expected one argument", one start in 64).
  static String clusterId() {
    String id;
    do {
      UUID u = UUID.randomUUID();
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
      b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
      id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    } while (id.startsWith("-"));
    return id;
  }
}
