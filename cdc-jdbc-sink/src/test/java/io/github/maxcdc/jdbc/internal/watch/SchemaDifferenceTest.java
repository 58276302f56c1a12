package io.github.maxcdc.jdbc.internal.watch;

import static io.github.maxcdc.jdbc.internal.watch.Schemas.maxscale;
import static io.github.maxcdc.jdbc.internal.watch.Schemas.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.TableSchema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MaxScale's schema against the source's information_schema: names, order, count and types. */
class SchemaDifferenceTest {

  // Every real_type the recordings of MaxScale 24.02.3 show (e_all_types, g_modern, h_items),
  // with the DATA_TYPE MariaDB gives the column declared as in their SQL scripts.
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "TINYINT, tinyint",
    "SMALLINT, smallint",
    "MEDIUMINT, mediumint",
    "INT, int",
    "BIGINT, bigint",
    "DECIMAL, decimal",
    "FLOAT, float",
    "DOUBLE, double",
    "BOOLEAN, tinyint",
    "CHAR, char",
    "VARCHAR, varchar",
    "TINYTEXT, tinytext",
    "TEXT, text",
    "MEDIUMTEXT, mediumtext",
    "LONGTEXT, longtext",
    "TINYBLOB, tinyblob",
    "BLOB, blob",
    "MEDIUMBLOB, mediumblob",
    "LONGBLOB, longblob",
    "BINARY, binary",
    "VARBINARY, varbinary",
    "DATE, date",
    "TIME, time",
    "DATETIME, datetime",
    "TIMESTAMP_, timestamp",
    "YEAR, year",
    "ENUM, enum",
    "SET, set",
    "BIT, bit",
    "JSON, longtext",
    "UUID, uuid",
    "INET4, inet4",
    "INET6, inet6",
  })
  void everyRecordedTypeMatchesItsDataType(String realType, String dataType) {
    assertTrue(TypeMatch.matches(column(realType), dataType), realType + " vs " + dataType);
  }

  // What the DDL may say and what MariaDB stores instead.
  @ParameterizedTest(name = "{0} may be {1}")
  @CsvSource({
    "INTEGER, int",
    "INT4, int",
    "BOOL, tinyint",
    "NUMERIC, decimal",
    "REAL, double",
    "FLOAT, double", // FLOAT(53)
    "TEXT, tinytext", // TEXT(100)
    "VARCHAR, mediumtext", // VARCHAR(70000) outside strict mode
    "VARCHAR, varbinary", // VARCHAR(10) CHARACTER SET binary
    "CHAR, binary",
    "POINT, point",
    "SERIAL, bigint", // not known: not compared
    "SOMETHING_NEW, int",
  })
  void aliasesAndWhatMariaDbStoresInsteadMatch(String realType, String dataType) {
    assertTrue(TypeMatch.matches(column(realType), dataType), realType + " vs " + dataType);
  }

  @ParameterizedTest(name = "{0} is not {1}")
  @CsvSource({
    "SMALLINT, int",
    "INT, bigint",
    "BOOLEAN, int",
    "INT, varchar",
    "VARCHAR, int",
    "TIMESTAMP_, datetime",
    "DATETIME, timestamp",
    "DATE, datetime",
    "DECIMAL, double",
    "DOUBLE, float",
    "ENUM, varchar",
    "UUID, char",
  })
  void differentTypesDiffer(String realType, String dataType) {
    assertFalse(TypeMatch.matches(column(realType), dataType), realType + " vs " + dataType);
  }

  @Test
  void aTypeTheLibraryDoesNotKnowIsNotCompared() {
    assertEquals(ColumnType.UNKNOWN, ColumnType.fromRealType("SERIAL"));
    assertEquals(null, TypeMatch.dataTypes(ColumnType.UNKNOWN));
  }

  @Test
  void theSameColumnsDoNotDiffer() {
    assertEquals(
        Optional.empty(),
        SchemaDifference.of(
            maxscale(7, "sku INT", "label VARCHAR", "ts TIMESTAMP_", "ok BOOLEAN"),
            source("sku int(11)", "LABEL varchar(20)", "ts timestamp", "ok tinyint(1)")));
  }

  @Test
  void namesAreComparedAsMaxScaleWritesThem() {
    assertTrue(SchemaDifference.sameName("prix_ttc", "prix-ttc"));
    assertTrue(SchemaDifference.sameName("Label", "label"));
    assertTrue(SchemaDifference.sameName("timestamp_", "timestamp"));
    assertFalse(SchemaDifference.sameName("name", "label"));
  }

  @Test
  void theRecordedRenameIsFoundAsARename() {
    SchemaDifference d =
        SchemaDifference.of(Schemas.itemsVersion5(), Schemas.itemsAtTheEnd()).orElseThrow();
    assertEquals("column 2 is name in MaxScale, label in the source", d.text());
    assertTrue(d.isRename());
    assertEquals("name", d.renamedFrom());
    assertEquals("label", d.renamedTo());
  }

  @Test
  void aColumnAddedInTheMiddleIsNotARename() {
    SchemaDifference d =
        SchemaDifference.of(
                maxscale(2, "sku INT", "label VARCHAR", "qty INT"),
                source("sku int(11)", "label varchar(20)", "price decimal(8,2)", "qty int(11)"))
            .orElseThrow();
    assertEquals("column 3 is qty in MaxScale, price in the source", d.text());
    assertFalse(d.isRename());
  }

  @Test
  void aWidenedColumnDiffersByType() {
    assertEquals(
        "column qty is SMALLINT in MaxScale, int(11) in the source",
        SchemaDifference.of(
                maxscale(1, "sku INT", "qty SMALLINT"), source("sku int(11)", "qty int(11)"))
            .orElseThrow()
            .text());
  }

  @Test
  void missingAndExtraColumnsAtTheEndAreCounted() {
    assertEquals(
        "MaxScale has 1 column, the source 2 (qty and after are not in MaxScale's)",
        SchemaDifference.of(maxscale(1, "sku INT"), source("sku int(11)", "qty int(11)"))
            .orElseThrow()
            .text());
    assertEquals(
        "MaxScale has 2 columns, the source 1 (qty and after are not in the source)",
        SchemaDifference.of(maxscale(1, "sku INT", "qty INT"), source("sku int(11)"))
            .orElseThrow()
            .text());
  }

  @Test
  void withoutRealTypesOnlyNamesAreCompared() {
    TableSchema avro = maxscale(1, "sku INT", "qty SMALLINT");
    TableSchema untyped =
        new TableSchema(avro.table(), 1, null, avro.columns(), false /* AVRO without lookup */);
    assertEquals(
        Optional.empty(), SchemaDifference.of(untyped, source("sku int(11)", "qty int(11)")));
  }

  @Test
  void bothListsAreDescribedWithTheirTypes() {
    assertEquals(
        List.of(
            "sku INT", "name VARCHAR", "qty INT", "total DECIMAL", "big BOOLEAN", "origin CHAR"),
        SchemaDifference.describe(Schemas.itemsVersion5()));
    assertEquals("label varchar(20)", SchemaDifference.describe(Schemas.itemsAtTheEnd()).get(1));
  }

  private static io.github.maxcdc.event.Column column(String realType) {
    return maxscale(1, "c " + realType).column(0);
  }
}
