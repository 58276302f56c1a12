package io.github.maxcdc.jdbc.testing;

import io.github.maxcdc.testkit.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;

/** Runs the SQL scripts of the recordings, which the testkit jar ships, on a test database. */
public final class SqlScripts {
  private SqlScripts() {}

  /**
   * Runs the class-path resource {@code resource} on {@code db}, one statement at a time (a
   * statement ends with a line ending in {@code ;}; lines starting with {@code --} are comments).
   */
  public static void run(TestDatabase db, String resource) throws Exception {
    String text;
    // the testkit jar ships the recordings; a class loader finds them across modules
    try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no script " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder statement = new StringBuilder();
    try (Connection c = db.connect("");
        Statement s = c.createStatement()) {
      for (String line : text.split("\n")) {
        if (line.startsWith("--") || line.isBlank()) {
          continue;
        }
        statement.append(line).append('\n');
        if (line.stripTrailing().endsWith(";")) {
          s.execute(statement.toString());
          statement.setLength(0);
        }
      }
    }
  }
}
