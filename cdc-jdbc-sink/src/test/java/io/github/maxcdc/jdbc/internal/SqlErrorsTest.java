package io.github.maxcdc.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.maxcdc.jdbc.internal.sql.SqlErrors;
import io.github.maxcdc.jdbc.internal.sql.SqlErrors.Kind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlErrorsTest {
  @ParameterizedTest
  @CsvSource({
    "08000, 0, TRANSIENT",
    "40001, 1213, TRANSIENT",
    "HY000, 1205, TRANSIENT",
    "HY000, 2013, TRANSIENT",
    "22001, 1406, DATA",
    "22003, 1264, DATA",
    "23000, 1062, DATA",
    "HY000, 1366, DATA",
    "42S22, 1054, SCHEMA",
    "42S02, 1146, SCHEMA",
    "HY000, 1234, OTHER",
    "28000, 1045, ACCESS",
    "42000, 1142, ACCESS",
    "42000, 1044, ACCESS"
  })
  void classification(String state, int code, Kind kind) {
    assertEquals(kind, SqlErrors.classify(new SQLException("x", state, code)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Data too long for column 'client' at row 1|client",
        "Out of range value for column 'montant' at row 1|montant",
        "Incorrect decimal value: 'secret' for column `shop_dw`.`t`.`montant` at row 1|montant",
        "Column 'statut' cannot be null|statut"
      })
  void theColumnIsNamedAndTheValueNever(String message, String column) {
    SQLException e = new SQLException(message, "22001", 1406);
    assertEquals(column, SqlErrors.column(e));
    assertFalse(SqlErrors.describe(e).contains("secret"));
  }

  @org.junit.jupiter.api.Test
  void aLostConnectionIsTransientWhateverItsCode() {
    assertEquals(
        Kind.TRANSIENT,
        SqlErrors.classify(new SQLNonTransientConnectionException("gone", "HY000", 0)));
  }

  @org.junit.jupiter.api.Test
  void aBatchFailureWithoutStateIsClassifiedByItsCause() {
    SQLException lost = new SQLNonTransientConnectionException("(conn=185) Socket error", null, 0);
    assertEquals(
        Kind.TRANSIENT,
        SqlErrors.classify(new BatchUpdateException(lost.toString(), null, 0, new int[0], lost)));
    SQLException tooLong = new SQLException("Data too long for column 'c'", "22001", 1406);
    assertEquals(
        Kind.DATA,
        SqlErrors.classify(
            new BatchUpdateException(tooLong.toString(), null, 0, new int[0], tooLong)));
    assertEquals(
        Kind.OTHER, SqlErrors.classify(new SQLException("x", null, 0, new RuntimeException())));
  }
}
