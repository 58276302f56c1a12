package io.github.maxcdc.jdbc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {
  @Test
  void startsStopsAndRestartsOnTheSamePort() throws Exception {
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start("smoke")) {
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
        System.out.println("embedded MariaDB " + rs.getString(2));
      }
    }
  }
}
