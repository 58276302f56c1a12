package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.kafka.KafkaCdcSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options shared by the commands that read changes: from a MaxScale CDC listener ({@code --host},
 * {@code --user}, {@code --password-env}) or from a topic of MaxScale's KafkaCDC router ({@code
 * --kafka-bootstrap}, {@code --kafka-topic}).
 */
public final class SourceOptions {
  /** How long a KafkaCDC topic is quiet before what has arrived is applied. */
  static final java.time.Duration KAFKA_IDLE_INTERVAL = java.time.Duration.ofMillis(100);

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--host", description = "MaxScale host (or --kafka-bootstrap)")
  String host;

  @Option(
      names = "--port",
      defaultValue = "4001",
      description = "port of the CDC listener (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--user", description = "CDC user (with --host)")
  String user;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description =
          "name of the environment variable holding the CDC user's password (with --host)")
  String passwordEnv;

  @Option(
      names = "--kafka-bootstrap",
      paramLabel = "HOST:PORT",
      description =
          "read the KafkaCDC topic of these Kafka brokers instead of a CDC listener"
              + " (host:port[,host:port...])")
  String kafkaBootstrap;

  @Option(
      names = "--kafka-topic",
      paramLabel = "TOPIC[,TOPIC...]",
      description =
          "the topic MaxScale's KafkaCDC service writes, or the table topics maxcdc publish writes"
              + " (PREFIX.db.table, comma-separated); the format is recognised from the first"
              + " record (with --kafka-bootstrap)")
  String kafkaTopic;

  @Option(
      names = "--kafka-group",
      paramLabel = "ID",
      description =
          "replicate keyed topics as a member of this consumer group: run it N times with one id"
              + " to apply the partitions in parallel (refused on a KafkaCDC topic, whose"
              + " partitions split transactions)")
  String kafkaGroup;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description =
          "a Kafka consumer property (security.protocol, sasl.jaas.config...); repeat it for"
              + " several")
  Map<String, String> kafkaProperties = new java.util.LinkedHashMap<>();

  @Option(
      names = "--table",
      required = true,
      paramLabel = "DB.TABLE",
      split = ",",
      description =
          "the table to follow (replicate, archive: repeat it, or give a comma-separated list, to"
              + " follow several tables)")
  List<String> tables;

  @Option(
      names = "--format",
      defaultValue = "json",
      description = "json or avro (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--server-time-zone",
      defaultValue = "UTC",
      description = "time zone MaxScale runs in, for TIMESTAMP values (default: ${DEFAULT-VALUE})")
  String serverTimeZone;

  /**
   * The table to follow, for the commands that follow one.
   *
   * @throws ParameterException if {@code --table} is not {@code db.table} or is given more than
   *     once
   */
  public TableId tableId() {
    if (tables.size() > 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--table names " + tables.size() + " tables, this command follows one: give one table");
    }
    return tableIds().get(0);
  }

  /**
   * The tables to follow, in the order given, each once.
   *
   * @throws ParameterException if a {@code --table} is not {@code db.table} or repeats one given
   *     before
   */
  public List<TableId> tableIds() {
    List<TableId> ids = new ArrayList<>();
    for (String table : tables) {
      TableId id;
      try {
        id = TableId.parse(table.trim());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--table: " + e.getMessage());
      }
      if (ids.contains(id)) {
        throw new ParameterException(
            spec.commandLine(), "--table " + table + " is given twice: give each table once");
      }
      ids.add(id);
    }
    return ids;
  }

  /** How long recognising a topic's format waits for the broker and the first record. */
  static final java.time.Duration FORMAT_TIMEOUT = java.time.Duration.ofSeconds(30);

  private io.github.maxcdc.kafka.TopicFormat topicFormat; // recognised once

  /**
   * Whether the source is keyed topics of {@code maxcdc publish} (rather than a CDC listener or a
   * KafkaCDC topic): reads the first record of each {@code --kafka-topic} to tell.
   *
   * @throws io.github.maxcdc.kafka.TopicFormatException if a topic is empty, or its first record is
   *     neither format, or the topics are not all of one format
   */
  public boolean keyedTopics() throws io.github.maxcdc.CdcException {
    if (kafkaBootstrap == null) {
      return false;
    }
    if (host != null) {
      throw new ParameterException(
          spec.commandLine(), "give --host or --kafka-bootstrap, not both: one source at a time");
    }
    refuse(user, "--user");
    refuse(passwordEnv, "--password-env");
    if (topicFormat == null) {
      if (kafkaTopic == null) {
        throw new ParameterException(
            spec.commandLine(),
            "--kafka-bootstrap needs --kafka-topic: the topic KafkaCDC writes, or the table"
                + " topics of maxcdc publish");
      }
      for (String topic : topicList()) {
        io.github.maxcdc.kafka.TopicFormat f =
            io.github.maxcdc.kafka.TopicFormat.detect(
                kafkaBootstrap, topic, kafkaProperties, FORMAT_TIMEOUT);
        if (topicFormat != null && f != topicFormat) {
          throw new io.github.maxcdc.kafka.TopicFormatException(
              "--kafka-topic mixes formats: "
                  + topic
                  + " is "
                  + f
                  + ", the first is "
                  + topicFormat,
              topic);
        }
        topicFormat = f;
      }
    }
    return topicFormat == io.github.maxcdc.kafka.TopicFormat.MAXCDC_ENVELOPE;
  }

  private List<String> topicList() {
    List<String> topics = new ArrayList<>();
    for (String t : kafkaTopic.split(",", -1)) {
      if (t.isBlank() || topics.contains(t.trim())) {
        throw new ParameterException(
            spec.commandLine(), "--kafka-topic: empty or repeated topic in '" + kafkaTopic + "'");
      }
      topics.add(t.trim());
    }
    return topics;
  }

  /**
   * A reader of the keyed topic of {@code table} (the {@code --kafka-topic} named {@code
   * PREFIX.db.table}), with the Kafka settings filled in.
   */
  public io.github.maxcdc.kafka.KeyedTopicReader.Builder keyedReader(TableId table) {
    refuse(user, "--user");
    refuse(passwordEnv, "--password-env");
    if (host != null) {
      throw new ParameterException(
          spec.commandLine(), "give --host or --kafka-bootstrap, not both: one source at a time");
    }
    String topic = null;
    for (String t : topicList()) {
      if (t.endsWith("." + table) || t.equals(table.toString())) {
        topic = t;
      }
    }
    if (topic == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--kafka-topic names no topic of "
              + table
              + ": maxcdc publish writes a table's changes to PREFIX."
              + table
              + " (e.g. maxcdc."
              + table
              + ")");
    }
    try {
      io.github.maxcdc.kafka.KeyedTopicReader.Builder b =
          io.github.maxcdc.kafka.KeyedTopicReader.builder()
              .bootstrapServers(kafkaBootstrap)
              .topics(topic)
              .idleInterval(KAFKA_IDLE_INTERVAL);
      kafkaProperties.forEach(b::property);
      return b;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--kafka-*: " + e.getMessage());
    }
  }

  /** The {@code --kafka-group}, or null. */
  public String kafkaGroup() {
    return kafkaGroup;
  }

  /**
   * Refuses {@code --kafka-group}: only {@code replicate} on keyed topics forms a group.
   *
   * @param command the command, for the message
   */
  public void refuseGroup(String command) {
    if (kafkaGroup != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--kafka-group: "
              + command
              + " reads every partition with one consumer; a consumer group applies the keyed"
              + " topics of maxcdc publish with replicate");
    }
  }

  /** A builder with the source settings filled in, validated, for the one table to follow. */
  public CdcClient.Builder builder(Map<String, String> env) {
    return builder(env, tableId());
  }

  /** A builder with the source settings filled in, validated, following {@code table}. */
  public CdcClient.Builder builder(Map<String, String> env, TableId table) {
    ZoneId zone;
    try {
      zone = ZoneId.of(serverTimeZone);
    } catch (java.time.DateTimeException e) {
      throw new ParameterException(spec.commandLine(), "--server-time-zone: " + e.getMessage());
    }
    if (kafkaBootstrap != null) {
      // KafkaCDC writes a transaction in one burst: a short gap ends what has arrived
      return CdcClient.builder()
          .source(kafkaSource())
          .table(table)
          .serverTimeZone(zone)
          .idleInterval(KAFKA_IDLE_INTERVAL);
    }
    if (host == null) {
      throw new ParameterException(
          spec.commandLine(),
          "give the source: --host (a MaxScale CDC listener) or --kafka-bootstrap (a KafkaCDC"
              + " topic)");
    }
    refuse(kafkaTopic, "--kafka-topic");
    refuse(kafkaGroup, "--kafka-group");
    if (!kafkaProperties.isEmpty()) {
      refuse("", "--kafka-property");
    }
    if (user == null || passwordEnv == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--host needs --user and --password-env (the CDC user and the variable holding its"
              + " password)");
    }
    String password = env.get(passwordEnv);
    if (password == null) {
      throw new ParameterException(
          spec.commandLine(),
          "environment variable " + passwordEnv + " (from --password-env) is not set");
    }
    StreamFormat streamFormat;
    try {
      streamFormat = StreamFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--format must be json or avro, got '" + format + "'");
    }
    try {
      return CdcClient.builder()
          .address(host, port)
          .credentials(user, password)
          .format(streamFormat)
          .table(table)
          .serverTimeZone(zone);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private KafkaCdcSource kafkaSource() {
    if (host != null) {
      throw new ParameterException(
          spec.commandLine(), "give --host or --kafka-bootstrap, not both: one source at a time");
    }
    refuse(user, "--user");
    refuse(passwordEnv, "--password-env");
    if (spec.commandLine().getParseResult().hasMatchedOption("--format")
        && !format.equalsIgnoreCase("json")) {
      throw new ParameterException(
          spec.commandLine(), "--format " + format + ": KafkaCDC writes JSON records only");
    }
    if (kafkaTopic == null) {
      throw new ParameterException(
          spec.commandLine(), "--kafka-bootstrap needs --kafka-topic: the topic KafkaCDC writes");
    }
    try {
      if (kafkaGroup != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--kafka-group: "
                + kafkaTopic
                + " is a KafkaCDC topic, read by one consumer (its partitions hold one"
                + " transaction's records apart, so a group would apply them out of order); to"
                + " spread a table's changes over a consumer group, run maxcdc publish to keyed"
                + " topics and replicate those with --kafka-group");
      }
      KafkaCdcSource.Builder b =
          KafkaCdcSource.builder().bootstrapServers(kafkaBootstrap).topic(kafkaTopic);
      kafkaProperties.forEach(b::property);
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), "--kafka-*: " + e.getMessage());
    }
  }

  private void refuse(String given, String option) {
    if (given != null) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + " does not apply to "
              + (kafkaBootstrap != null ? "a Kafka topic (--kafka-bootstrap)" : "--host"));
    }
  }
}
