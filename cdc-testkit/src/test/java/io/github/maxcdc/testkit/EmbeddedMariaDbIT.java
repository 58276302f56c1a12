package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {
  @Test
  void startsStopsRestartsOnTheSamePortAndDeletesItsDataOnClose() throws Exception {
    Path data;
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().start()) {
      db.recreateDatabase("smoke");
      try (Connection c = db.connect("smoke");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        s.execute("INSERT INTO t VALUES (1)");
      }
      db.stop();
      assertThrows(SQLException.class, () -> db.connect("smoke").close());
      db.start();
      try (Connection c = db.connect("smoke");
          ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), VERSION() FROM t")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
      try (var dirs = Files.list(Path.of("target", "maxcdc-mariadb"))) {
        data =
            dirs.filter(p -> p.getFileName().toString().startsWith("data-"))
                .findFirst()
                .orElseThrow();
      }
    }
    assertFalse(Files.exists(data), "data deleted on close");
  }

  @Test
  void withAUserOnlyThatUserGetsIn() throws Exception {
    try (EmbeddedMariaDb db = EmbeddedMariaDb.builder().user("etl_user", "right").start()) {
      String url = "jdbc:mariadb://127.0.0.1:" + db.port() + "/";
      DriverManager.getConnection(url, "etl_user", "right").close();
      assertThrows(
          SQLException.class, () -> DriverManager.getConnection(url, "etl_user", "wrong").close());
    }
  }
}
