package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code maxcdc verify}: its output and its exit statuses 0, 1 and 2. */
class VerifyCommandIT {
  final TestDatabase db = TestDatabase.shared();

  record Run(int status, String out, String err) {}

  @BeforeEach
  void tables() throws Exception {
    db.recreateDatabase("vc_src");
    db.recreateDatabase("vc_dw");
    for (String t : List.of("vc_src.orders", "vc_dw.orders_dw")) {
      db.execute(
          "CREATE TABLE " + t + " (id INT PRIMARY KEY, client VARCHAR(40), montant DECIMAL(10,2))",
          "INSERT INTO " + t + " SELECT seq, CONCAT('c', seq), seq * 1.5 FROM vc_src.seq_1_to_500");
    }
  }

  Run verify(String password, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--source-url",
                db.jdbcUrl("vc_src"),
                "--source-user",
                "root",
                "--source-password-env",
                "SRC_PASSWORD",
                "--target-url",
                db.jdbcUrl("vc_dw"),
                "--target-user",
                "root",
                "--target-password-env",
                "DW_PASSWORD",
                "--table",
                "vc_src.orders",
                "--target-table",
                "orders_dw",
                "--chunk-rows",
                "100"));
    for (int i = 0; i < extra.length; i += 2) { // an option given again replaces its value
      int at = args.indexOf(extra[i]);
      if (at >= 0) {
        args.set(at + 1, extra[i + 1]);
      } else {
        args.addAll(Arrays.asList(extra[i], extra[i + 1]));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of("SRC_PASSWORD", password, "DW_PASSWORD", ""));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void equalTablesExitWithZero() {
    Run run = verify("");
    assertEquals(0, run.status(), run.err());
    assertTrue(
        run.out().startsWith("equal: vc_src.orders -> vc_dw.orders_dw, 500 source rows"),
        run.out());
  }

  @Test
  void differencesArePrintedByKeyAndExitWithOne() throws Exception {
    db.execute(
        "DELETE FROM vc_dw.orders_dw WHERE id IN (5, 6, 7)",
        "INSERT INTO vc_dw.orders_dw VALUES (900, 'x', 1)",
        "UPDATE vc_dw.orders_dw SET montant = 0 WHERE id = 250");
    Run run = verify("", "--max-report", "2");
    assertEquals(1, run.status(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("different: "), run.out());
    assertTrue(lines.get(0).contains("3 missing, 1 extra, 1 different"), run.out());
    assertEquals(
        List.of(
            "missing 5",
            "missing 6",
            "extra 900",
            "different 250 columns montant",
            "... 1 more missing rows"),
        lines.subList(1, lines.size()));
  }

  @Test
  void errorsExitWithTwoOnOneLine() {
    Run unknown = verify("", "--target-table", "nope");
    assertEquals(2, unknown.status(), unknown.err());
    assertTrue(unknown.err().startsWith("maxcdc verify: "), unknown.err());
    assertTrue(unknown.err().contains("vc_dw.nope does not exist"), unknown.err());
    assertEquals(1, unknown.err().lines().count(), unknown.err());

    Run noSource = verify("", "--source-url", "jdbc:mariadb://127.0.0.1:1/x");
    assertEquals(2, noSource.status(), noSource.err());
    assertFalse(noSource.err().contains("Exception"), noSource.err());
  }
}
