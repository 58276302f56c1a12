package io.github.maxcdc.jdbc.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which column type holds which: what the sink widens, and what it refuses. */
class SqlTypeTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "int(11)|SMALLINT|WIDER",
        "bigint(20)|int(11)|WIDER",
        "int(10) unsigned|int(11)|OTHER",
        "bigint(20)|int(10) unsigned|WIDER",
        "int|int(11)|SAME",
        "smallint(6)|int(11)|OTHER",
        "varchar(40)|varchar(20)|WIDER",
        "varchar(20)|varchar(40)|OTHER",
        "varchar(255)|char(10)|WIDER",
        "varchar|varchar(20)|SAME",
        "mediumtext|text|WIDER",
        "text|varchar(100)|WIDER",
        "tinytext|varchar(100)|OTHER",
        "decimal(12,2)|decimal(8,2)|WIDER",
        "decimal(10,4)|decimal(8,2)|WIDER",
        "decimal(8,4)|decimal(8,2)|OTHER",
        "DECIMAL|decimal(5,0)|SAME",
        "decimal(5,0)|DECIMAL|SAME",
        "double|float|WIDER",
        "float|double|OTHER",
        "datetime(6)|datetime|WIDER",
        "timestamp(6)|TIMESTAMP_|WIDER",
        "tinyint(1)|BOOLEAN|SAME",
        "double precision|float|WIDER",
        "varbinary(32)|varbinary(16)|WIDER",
        "longblob|blob|WIDER",
        "int(11)|varchar(20)|OTHER"
      })
  void holds(String to, String from, SqlType.Fit fit) {
    assertEquals(fit, SqlType.parse(to).holds(SqlType.parse(from)), to + " holds " + from);
  }
}
