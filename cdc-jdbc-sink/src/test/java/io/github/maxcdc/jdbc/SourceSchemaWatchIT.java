package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.CdcClient;
import io.github.maxcdc.ChangeListener;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.jdbc.testing.SqlScripts;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.Recording;
import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SourceSchemaWatch} against an embedded MariaDB as the source: the recordings of a real
 * MaxScale 24.02.3 replayed while the source holds what their SQL scripts made of it, and scripted
 * streams that stop while the source goes on.
 */
class SourceSchemaWatchIT {
  static final String DDL = "maxcdc-recordings/maxscale-24.02.3-ddl/sql/";
  static final TestDatabase DB = TestDatabase.shared();
  static final Duration INTERVAL = Duration.ofMillis(300);
  static final TableDefinition ORDERS =
      TableDefinition.builder()
          .column("id", "INT")
          .primaryKey("id")
          .column("client", "VARCHAR(100)")
          .column("montant", "DECIMAL(10,2)")
          .build();
  static final String ORDERS_DDL =
      " (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2))";

  final BlockingQueue<SchemaDrift> drifts = new LinkedBlockingQueue<>();
  final BlockingQueue<ChangeEvent> changes = new LinkedBlockingQueue<>();

  @BeforeAll
  static void runTheRecordedSchemaChanges() throws Exception {
    DB.execute("DROP DATABASE IF EXISTS catalog");
    SqlScripts.run(DB, DDL + "60_schema_changes.sql");
    SqlScripts.run(DB, DDL + "61_schema_changes_change_syntax.sql");
  }

  @BeforeEach
  void scriptedTables() throws Exception {
    DB.recreateDatabase("watch_it");
  }

  static SourceDatabase source() {
    return SourceDatabase.jdbcUrl(DB.jdbcUrl("catalog"), "root", "");
  }

  SourceSchemaWatch watch(String table, Duration stall) {
    return SourceSchemaWatch.builder()
        .source(source())
        .table(TableId.parse(table))
        .checkInterval(INTERVAL)
        .stallTimeout(stall)
        .listener(drifts::add)
        .build();
  }

  CdcClient client(FakeMaxScale server, String table, SourceSchemaWatch watch) {
    return client(server, table, watch, changes::add);
  }

  static CdcClient client(
      FakeMaxScale server, String table, SourceSchemaWatch watch, ChangeListener downstream) {
    return CdcClient.builder()
        .address(server.host(), server.port())
        .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
        .table(TableId.parse(table))
        .listener(watch.changeListener(downstream))
        .lifecycleListener(watch)
        .build();
  }

  void awaitChanges(int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      assertNotNull(changes.poll(20, TimeUnit.SECONDS), "change " + (i + 1) + " of " + count);
    }
  }

  @Test
  void theRenameMaxScaleDidNotFollowIsReportedWithinSeconds() throws Exception {
    try (FakeMaxScale server =
            FakeMaxScale.builder().replay(Recording.builtIn("h_items_json")).build();
        SourceSchemaWatch watch = watch("catalog.items", SourceSchemaWatch.DEFAULT_STALL_TIMEOUT);
        CdcClient client = client(server, "catalog.items", watch)) {
      watch.start();
      long start = System.nanoTime();
      client.start();
      SchemaDrift drift = drifts.poll(20, TimeUnit.SECONDS);
      assertNotNull(drift, "no drift reported");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertTrue(seconds < 10, "reported after " + seconds + " s");
      assertEquals(SchemaDrift.Kind.SCHEMA_MISMATCH, drift.kind());
      assertEquals(TableId.parse("catalog.items"), drift.table());
      assertEquals(5, drift.maxScaleVersion());
      assertEquals(
          List.of(
              "sku INT", "name VARCHAR", "qty INT", "total DECIMAL", "big BOOLEAN", "origin CHAR"),
          drift.maxScaleColumns());
      assertEquals(
          List.of(
              "sku int(11)",
              "label varchar(20)",
              "price decimal(8,2)",
              "qty int(11)",
              "total decimal(12,2)",
              "big tinyint(1)",
              "origin char(2)"),
          drift.sourceColumns());
      String message = drift.message();
      assertTrue(message.contains("column 2 is name in MaxScale, label in the source"), message);
      assertTrue(message.contains("does not understand ALTER TABLE ... RENAME COLUMN"), message);
      assertTrue(message.contains("name VARCHAR") && message.contains("label varchar(20)"));
      assertEquals(5, changes.size(), "the rows of sku 100 to 500, and nothing after");
      assertNull(drifts.poll(1, TimeUnit.SECONDS), "said once");
    }
  }

  @Test
  void theSameChangesMaxScaleFollowedAreNotReported() throws Exception {
    try (FakeMaxScale server =
            FakeMaxScale.builder().replay(Recording.builtIn("h_items2_json")).build();
        SourceSchemaWatch watch = watch("catalog.items2", Duration.ofSeconds(1));
        CdcClient client = client(server, "catalog.items2", watch)) {
      watch.start();
      client.start();
      awaitChanges(11);
      assertNull(drifts.poll(3, TimeUnit.SECONDS), "ten check intervals, a stall timeout");
    }
  }

  @Test
  void aTableWhoseSchemaMatchesIsNotReportedWithASinkBehindTheWatch() throws Exception {
    DB.execute(
        "CREATE TABLE watch_it.orders" + ORDERS_DDL,
        "CREATE TABLE watch_it.orders_dw" + ORDERS_DDL);
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        JdbcSink sink =
            JdbcSink.builder()
                .jdbcUrl(DB.jdbcUrl("watch_it"), "root", "")
                .mapping(TableMapping.of("watch_it.orders", "watch_it.orders_dw"))
                .build();
        SourceSchemaWatch watch = watch("watch_it.orders", Duration.ofSeconds(1))) {
      ScriptedTable orders = server.createTable("watch_it", "orders", ORDERS);
      for (int id = 1; id <= 3; id++) {
        // the source first, as MaxScale reads it from the source's binary log
        DB.execute("INSERT INTO watch_it.orders VALUES (" + id + ", 'c', 1.50)");
        orders.insert(Map.of("id", id, "client", "c", "montant", new BigDecimal("1.50")));
      }
      CdcClient.Builder builder =
          sink.attach(
              CdcClient.builder()
                  .address(server.host(), server.port())
                  .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD));
      try (CdcClient client =
          builder.listener(watch.changeListener(sink)).lifecycleListener(watch).build()) {
        watch.start();
        client.start();
        Rows.await(DB, "watch_it.orders_dw", "id", rows -> rows.size() == 3);
        assertNull(drifts.poll(3, TimeUnit.SECONDS), "ten check intervals, a stall timeout");
      }
    }
  }

  @Test
  void aStreamThatStopsWhileTheSourceTableChangesIsReported() throws Exception {
    DB.execute("CREATE TABLE watch_it.stalled" + ORDERS_DDL);
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        SourceSchemaWatch watch = watch("watch_it.stalled", Duration.ofSeconds(1));
        CdcClient client = client(server, "watch_it.stalled", watch)) {
      ScriptedTable stalled = server.createTable("watch_it", "stalled", ORDERS);
      DB.execute("INSERT INTO watch_it.stalled VALUES (1, 'c', 1.50)");
      stalled.insert(Map.of("id", 1, "client", "c", "montant", new BigDecimal("1.50")));
      watch.start();
      client.start();
      awaitChanges(1);
      // MaxScale sends nothing more, while the source table keeps changing
      SchemaDrift drift = null;
      for (int id = 2; drift == null && id < 200; id++) {
        DB.execute("INSERT INTO watch_it.stalled VALUES (" + id + ", 'c', 1.50)");
        drift = drifts.poll(200, TimeUnit.MILLISECONDS);
      }
      assertNotNull(drift, "no stall reported");
      assertEquals(SchemaDrift.Kind.STALLED, drift.kind());
      assertEquals(TableId.parse("watch_it.stalled"), drift.table());
      assertEquals(List.of("id INT", "client VARCHAR", "montant DECIMAL"), drift.maxScaleColumns());
      assertEquals(
          List.of("id int(11)", "client varchar(100)", "montant decimal(10,2)"),
          drift.sourceColumns());
      assertTrue(
          drift.finding().contains("MaxScale has sent no change of it for"), drift.finding());
      assertTrue(drift.likelyCause().contains("stopped converting the table"), drift.likelyCause());
    }
  }

  @Test
  void changesCommittedAfterARenameArrivingUnderTheOldNameAreReportedAtOnce() throws Exception {
    DB.execute("CREATE TABLE watch_it.renamed" + ORDERS_DDL);
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        SourceSchemaWatch watch =
            watch("watch_it.renamed", SourceSchemaWatch.DEFAULT_STALL_TIMEOUT);
        CdcClient client = client(server, "watch_it.renamed", watch)) {
      ScriptedTable renamed = server.createTable("watch_it", "renamed", ORDERS);
      DB.execute("INSERT INTO watch_it.renamed VALUES (1, 'c', 1.50)");
      renamed.insert(Map.of("id", 1, "client", "c", "montant", new BigDecimal("1.50")));
      watch.start();
      client.start();
      awaitChanges(1);
      DB.execute("ALTER TABLE watch_it.renamed RENAME COLUMN client TO customer");
      // the next change is committed in a later second than the ALTER, and MaxScale keeps the
      // old name for it
      long altered = sourceSecond();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sourceSecond() <= altered && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      DB.execute("INSERT INTO watch_it.renamed VALUES (2, 'd', 2.50)");
      renamed.insert(Map.of("id", 2, "client", "d", "montant", new BigDecimal("2.50")));
      awaitChanges(1);
      SchemaDrift drift = drifts.poll(20, TimeUnit.SECONDS);
      assertNotNull(drift, "no drift reported");
      assertEquals(SchemaDrift.Kind.SCHEMA_MISMATCH, drift.kind());
      assertTrue(
          drift.finding().startsWith("column 2 is client in MaxScale, customer in the source;"),
          drift.finding());
      assertTrue(drift.finding().contains("arrive under MaxScale's schema"), drift.finding());
      assertTrue(drift.likelyCause().contains("(here client to customer)"), drift.likelyCause());
    }
  }

  static long sourceSecond() throws Exception {
    try (java.sql.Connection c = DB.connect("");
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT UNIX_TIMESTAMP()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void anAlterNobodyWroteAfterIsAVersionOnItsWay() throws Exception {
    DB.execute("CREATE TABLE watch_it.altered" + ORDERS_DDL);
    try (FakeMaxScale server = FakeMaxScale.builder().build();
        SourceSchemaWatch watch = watch("watch_it.altered", Duration.ofSeconds(1));
        CdcClient client = client(server, "watch_it.altered", watch)) {
      ScriptedTable altered = server.createTable("watch_it", "altered", ORDERS);
      DB.execute("INSERT INTO watch_it.altered VALUES (1, 'c', 1.50)");
      altered.insert(Map.of("id", 1, "client", "c", "montant", new BigDecimal("1.50")));
      watch.start();
      client.start();
      awaitChanges(1);
      // MaxScale starts the next version with the next row, which nobody writes
      DB.execute("ALTER TABLE watch_it.altered ADD COLUMN statut VARCHAR(20) AFTER client");
      assertNull(drifts.poll(3, TimeUnit.SECONDS), "ten check intervals, a stall timeout");
    }
  }
}
