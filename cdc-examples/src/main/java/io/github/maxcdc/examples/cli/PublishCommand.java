package io.github.maxcdc.examples.cli;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ListenerException;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.kafka.KafkaPublisher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maxcdc publish}: writes the changes of one or more tables to keyed Kafka topics, one per
 * table ({@code PREFIX.db.table}), as JSON envelopes, exactly once, with a {@link KafkaPublisher}
 * fed by a {@link CdcClient} of its own per table. Running it again resumes each table right after
 * the position its last Kafka transaction recorded.
 *
 * <p>Ends with status 0 after {@code --idle-exit} without data on every table, committing what was
 * read; on SIGTERM or Ctrl-C it commits what it has read too. A failure of any table stops all
 * (what each had not committed is aborted, and published by the next run) and ends with status 1.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description =
        "Publish the changes of tables to keyed Kafka topics (PREFIX.db.table), exactly once.")
public final class PublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SourceOptions source;

  /**
   * With a source connection: the primary key, DECIMALs at their declared scale, and the values
   * MaxScale damaged re-read.
   */
  @Mixin SourceDatabaseOptions sourceDatabase;

  @Option(
      names = "--publish-bootstrap",
      required = true,
      paramLabel = "HOST:PORT",
      description = "the Kafka brokers to publish to (host:port[,host:port...])")
  String bootstrap;

  @Option(
      names = "--publish-prefix",
      paramLabel = "PREFIX",
      defaultValue = KafkaPublisher.Builder.DEFAULT_PREFIX,
      description = "the topics' prefix: PREFIX.db.table (default: ${DEFAULT-VALUE})")
  String prefix;

  @Option(
      names = "--publish-partitions",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "partitions of a table's topic when publish creates it (default: ${DEFAULT-VALUE})")
  int partitions;

  @Option(
      names = "--publish-property",
      paramLabel = "KEY=VALUE",
      description =
          "a Kafka client property for publishing (security.protocol, compression.type...);"
              + " repeat it for several")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(
      names = "--publish-id",
      paramLabel = "ID",
      description =
          "the publisher's id: key of its position record, transactional.id maxcdc-publish-ID"
              + " (default: the table; one --table only)")
  String id;

  @Option(
      names = "--key-columns",
      paramLabel = "[DB.TABLE=]COLS",
      description =
          "the comma-separated columns that make a record's key (default: the source's primary"
              + " key with --source-url, else the whole row); with several --table, DB.TABLE=COLS")
  List<String> keyColumns = new ArrayList<>();

  @Option(
      names = "--allow-untrusted",
      description =
          "publish values MaxScale damaged as they arrived, flagged in the envelope's"
              + " \"untrusted\" (default: stop, naming the column)")
  boolean allowUntrusted;

  @Option(
      names = "--max-transaction-events",
      paramLabel = "RECORDS",
      description =
          "records after which a Kafka transaction is committed even inside a source transaction"
              + " (default: 50000)")
  Integer maxTransactionEvents;

  @Option(
      names = "--publish-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "bound of every wait for the Kafka brokers published to (default: 30s)")
  Duration timeout;

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "exit with status 0 after this long without data, e.g. 5s")
  Duration idleExit;

  private final PrintStream stderr;
  private final Map<String, String> env;

  /** A command printing its summary on {@code stderr}, reading passwords from {@code env}. */
  public PublishCommand(PrintStream stderr, Map<String, String> env) {
    this.stderr = stderr;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    List<TableId> tables = source.tableIds();
    if (id != null && tables.size() > 1) {
      throw usage(
          "--publish-id names one publisher, and "
              + tables.size()
              + " tables are published: each table's publisher has the table as its id");
    }
    Map<TableId, List<String>> keys =
        new PublishKeys(spec, keyColumns, tables).resolve(sourceDatabase, env);
    List<KafkaPublisher> publishers = new ArrayList<>();
    List<CdcClient> clients = new ArrayList<>();
    ShutdownHook hook = new ShutdownHook(() -> clients.forEach(CdcClient::close));
    Exception failure = null;
    try {
      for (TableId table : tables) {
        KafkaPublisher publisher = publisher(table, keys.get(table));
        publishers.add(publisher);
        clients.add(client(publisher, table));
      }
      hook.install();
      clients.forEach(CdcClient::start);
      awaitAll(clients);
    } catch (ListenerException e) {
      failure = e.getCause() instanceof Exception cause ? cause : e;
    } catch (Exception e) {
      failure = e;
    } finally {
      clients.forEach(CdcClient::close);
      failure = finish(publishers, failure);
      hook.close();
    }
    if (failure != null) {
      throw failure;
    }
    return 0;
  }

  private KafkaPublisher publisher(TableId table, List<String> key) throws Exception {
    KafkaPublisher.Builder b;
    try {
      b =
          KafkaPublisher.builder()
              .bootstrap(bootstrap)
              .table(table)
              .prefix(prefix)
              .partitions(partitions)
              .keyColumns(key)
              .allowUntrusted(allowUntrusted);
      properties.forEach(b::property);
      if (id != null) {
        b.id(id);
      }
      if (timeout != null) {
        b.timeout(timeout);
      }
      if (maxTransactionEvents != null) {
        b.maxTransactionEvents(maxTransactionEvents);
      }
      if (source.kafkaBootstrap != null) {
        b.sourceTopic(source.kafkaTopic);
      }
    } catch (IllegalArgumentException e) {
      throw usage("--publish-*: " + e.getMessage());
    }
    if (sourceDatabase.database(env).isPresent()) {
      // the values MaxScale damaged are re-read from there, as replicate does
      org.mariadb.jdbc.MariaDbDataSource reread =
          new org.mariadb.jdbc.MariaDbDataSource(sourceDatabase.url);
      reread.setUser(sourceDatabase.user);
      reread.setPassword(env.get(sourceDatabase.passwordEnv));
      b.rereadFrom(reread);
    }
    return b.build();
  }

  private CdcClient client(KafkaPublisher publisher, TableId table) {
    CdcClient.Builder builder = publisher.attach(source.builder(env, table));
    if (idleExit != null) {
      builder.stopWhenIdle(idleExit);
    }
    sourceDatabase.database(env).ifPresent(db -> builder.declaredTypes(db.declaredTypes()));
    return builder.build();
  }

  private static void awaitAll(List<CdcClient> clients) throws Exception {
    boolean ended = false;
    while (!ended) {
      ended = true;
      for (CdcClient client : clients) {
        ended &= client.awaitTermination(Duration.ofMillis(200));
      }
    }
  }

  // after a clean end (idle, signal) commits what was read; after a failure aborts it
  private Exception finish(List<KafkaPublisher> publishers, Exception failure) {
    for (KafkaPublisher publisher : publishers) {
      try {
        if (failure == null) {
          publisher.flush();
        }
      } catch (Exception e) {
        failure = e;
      } finally {
        publisher.close();
      }
      stderr.println(
          "published "
              + publisher.changeTopic()
              + ": "
              + publisher.publishedRecords()
              + (publisher.publishedRecords() == 1 ? " record" : " records")
              + " in "
              + publisher.transactions()
              + " transactions in this run, last position "
              + publisher.lastCommitted().map(Object::toString).orElse("none"));
    }
    return failure;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
