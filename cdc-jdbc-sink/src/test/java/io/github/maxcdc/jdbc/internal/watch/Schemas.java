package io.github.maxcdc.jdbc.internal.watch;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.ColumnType;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.WireType;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.position.Gtid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Schemas as MaxScale announces them and columns as the source describes them, for tests. */
final class Schemas {
  static final TableId ITEMS = TableId.parse("catalog.items");

  private Schemas() {}

  /** A schema of {@code version} from {@code "name REAL_TYPE"} pairs. */
  static TableSchema maxscale(int version, String... columns) {
    List<Column> list = new ArrayList<>();
    for (String c : columns) {
      String[] parts = c.split(" ");
      list.add(
          new Column(
              parts[0],
              list.size(),
              ColumnType.fromRealType(parts[1]),
              parts[1],
              false,
              WireType.STRING,
              Set.of()));
    }
    return new TableSchema(ITEMS, version, null, list, true);
  }

  /** Source columns from {@code "name column_type"} pairs; DATA_TYPE is the type's first word. */
  static List<TargetColumn> source(String... columns) {
    List<TargetColumn> list = new ArrayList<>();
    for (String c : columns) {
      int space = c.indexOf(' ');
      String type = c.substring(space + 1).toLowerCase(Locale.ROOT);
      String dataType = type.split("[ (]")[0];
      list.add(new TargetColumn(c.substring(0, space), dataType, type, true));
    }
    return list;
  }

  /** An insert under {@code schema} committed at {@code epochSecond}. */
  static Insert insert(TableSchema schema, long sequence, long epochSecond) {
    Object[] values = new Object[schema.size()];
    return new Insert(
        schema,
        Gtid.of(0, 1, sequence),
        1,
        Instant.ofEpochSecond(epochSecond),
        Row.of(schema, values, values.clone(), null));
  }

  // The recording h_items_json: MaxScale's last version, and the source at the end of
  // sql/60_schema_changes.sql.
  static TableSchema itemsVersion5() {
    return maxscale(
        5, "sku INT", "name VARCHAR", "qty INT", "total DECIMAL", "big BOOLEAN", "origin CHAR");
  }

  static List<TargetColumn> itemsAtTheEnd() {
    return source(
        "sku int(11)",
        "label varchar(20)",
        "price decimal(8,2)",
        "qty int(11)",
        "total decimal(12,2)",
        "big tinyint(1)",
        "origin char(2)");
  }
}
