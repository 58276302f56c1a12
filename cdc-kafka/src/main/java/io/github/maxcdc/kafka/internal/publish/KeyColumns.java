package io.github.maxcdc.kafka.internal.publish;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.kafka.PublishException;
import java.util.ArrayList;
import java.util.List;

/**
 * The key columns of each schema version of a table: the names given, in that order, or every
 * column when none are given (a table without a key: a row is identified by all its values). Not
 * thread-safe: the publisher's thread.
 */
public final class KeyColumns {
  private final List<String> names;
  private TableSchema schema;
  private List<Column> columns;

  /** Key columns by {@code names}; empty for every column. */
  public KeyColumns(List<String> names) {
    this.names = List.copyOf(names);
  }

  /** Whether the key is every column. */
  public boolean allColumns() {
    return names.isEmpty();
  }

  /**
   * The key columns of {@code schema}.
   *
   * @throws PublishException if a key column is not a column of the schema
   */
  public List<Column> of(TableSchema schema) throws PublishException {
    if (schema != this.schema) {
      List<Column> list = new ArrayList<>();
      if (names.isEmpty()) {
        list.addAll(schema.columns());
      }
      for (String name : names) {
        list.add(
            schema
                .column(name)
                .orElseThrow(
                    () ->
                        new PublishException(
                            "key column '"
                                + name
                                + "' is not a column of "
                                + schema.table()
                                + " version "
                                + schema.version()
                                + " (columns "
                                + schema.columnNames()
                                + ")",
                            false,
                            null)));
      }
      this.columns = List.copyOf(list);
      this.schema = schema;
    }
    return columns;
  }
}
