package io.github.maxcdc.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.Rows;
import io.github.maxcdc.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The source connection: read only, and never the target table itself. */
class SourceDatabaseIT {
  final TestDatabase db = TestDatabase.shared();

  @BeforeEach
  void tables() throws Exception {
    db.recreateDatabase("src_guard");
    db.recreateDatabase("dw_guard");
    db.execute(
        "CREATE TABLE src_guard.t (id INT PRIMARY KEY, v VARCHAR(10))",
        "CREATE TABLE dw_guard.t (id INT PRIMARY KEY, v VARCHAR(10))");
  }

  JdbcSink sink(String source, String target) {
    return JdbcSink.builder()
        .jdbcUrl(db.jdbcUrl("dw_guard"), "root", "")
        .mapping(TableMapping.of(source, target))
        .source(SourceDatabase.jdbcUrl(db.jdbcUrl("src_guard"), "root", ""))
        .build();
  }

  @Test
  void aSourceThatIsTheTargetTableIsRefused() throws Exception {
    try (JdbcSink sink = sink("dw_guard.t", "dw_guard.t")) {
      SinkSchemaException e = assertThrows(SinkSchemaException.class, sink::startPosition);
      assertTrue(e.getMessage().contains("is the target table"), e.getMessage());
      assertTrue(e.getMessage().contains("dw_guard.t"), e.getMessage());
    }
  }

  @Test
  void anotherTableOfTheSameServerIsAllowed() throws Exception {
    try (JdbcSink sink = sink("src_guard.t", "dw_guard.t")) {
      assertDoesNotThrow(sink::startPosition);
    }
  }

  @Test
  void sessionsCannotWrite() throws Exception {
    SourceDatabase source = SourceDatabase.jdbcUrl(db.jdbcUrl("src_guard"), "root", "");
    try (Connection c = source.connector().open()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> c.createStatement().execute("INSERT INTO src_guard.t VALUES (1, 'x')"));
      assertTrue(
          e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("read only"), e.getMessage());
    }
    assertEquals(0, Rows.count(db, "src_guard.t"));
  }

  @Test
  void anUnreachableSourceIsNamedWithoutItsPassword() throws Exception {
    SourceDatabase source =
        SourceDatabase.jdbcUrl("jdbc:mariadb://127.0.0.1:1/src_guard", "reader", "s3cret-pw");
    assertFalse(source.toString().contains("s3cret-pw"));
    try (JdbcSink sink =
        JdbcSink.builder()
            .jdbcUrl(db.jdbcUrl("dw_guard"), "root", "")
            .mapping(TableMapping.of("src_guard.t", "dw_guard.t"))
            .source(source)
            .build()) {
      SinkException e = assertThrows(SinkException.class, sink::startPosition);
      assertTrue(e.getMessage().contains("cannot read the source database"), e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
      assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
    }
  }
}
