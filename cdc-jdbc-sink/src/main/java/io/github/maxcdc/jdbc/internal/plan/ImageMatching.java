package io.github.maxcdc.jdbc.internal.plan;

import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.DeleteMode;
import io.github.maxcdc.jdbc.SinkSchemaException;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect.Compare;
import io.github.maxcdc.jdbc.internal.dialect.MariaDbDialect.ImageColumn;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Reread;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Written;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import io.github.maxcdc.jdbc.internal.target.TargetTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a target table without key (no primary key, no unique key on NOT NULL columns, no key
 * columns in the mapping): its rows are matched on their whole before image, as MariaDB's own
 * row-based replication does for such a table. An insert is a plain {@code INSERT}; an update is
 * {@code UPDATE ... SET} every written column {@code WHERE} every compared column {@code <=>} its
 * before value {@code LIMIT 1}; a delete is {@code DELETE ... WHERE ... LIMIT 1} (a soft delete
 * marks one row not marked yet). So two identical rows stay two rows, and an update or a delete of
 * one of them changes one.
 *
 * <p>The compared columns are the written ones: a column the sink does not write (excluded, a new
 * column ignored, a lossy column skipped) holds nothing the stream can be compared with. Re-reading
 * from the source needs a key, so a lossy column to re-read is refused; the untrustworthy values of
 * the other columns are written as they are without a source connection. Stateless.
 */
final class ImageMatching {
  private ImageMatching() {}

  /**
   * The plan of {@code schema} written to {@code target}, a table without key.
   *
   * @param columns the written columns
   * @param softDelete the soft-delete column, or null
   * @throws SinkSchemaException if a column is to be re-read from the source, or no column is
   *     written
   */
  static WritePlan plan(
      TableSchema schema,
      TargetTable target,
      SinkOptions options,
      List<Written> columns,
      Written softDelete)
      throws SinkSchemaException {
    List<String> rereads = new ArrayList<>();
    List<Written> written = new ArrayList<>();
    for (Written w : columns) {
      // a lossy column to re-read has no streamed value; CHAR/VARCHAR ones (re-read in case of a
      // NUL) are compared and written as streamed, with the planner's warning
      if (w.reread() == Reread.ALWAYS && !w.hasStreamedValue()) {
        Column column = schema.column(w.source());
        rereads.add(
            column.name() + " " + column.caveats().stream().filter(Caveat::isLossy).toList());
      } else {
        written.add(new Written(w.source(), w.target(), w.binder(), Reread.NEVER));
      }
    }
    if (!rereads.isEmpty()) {
      throw noKey(
          target.id(),
          "it cannot re-read source columns "
              + String.join(", ", rereads)
              + " of "
              + schema.table()
              + " from the source by key (LossyColumnPolicy.REREAD, the default with a source"
              + " connection)",
          "skip these columns (TableMapping.lossyColumn(column, SKIP), --lossy-column COLUMN=skip)"
              + " or write what arrives (WRITE, --lossy-column COLUMN=write)");
    }
    if (written.isEmpty()) {
      throw noKey(
          target.id(),
          "it has no column to compare, since the sink writes no column of "
              + schema.table()
              + " schema version "
              + schema.version(),
          "write some of its columns");
    }
    TableId id = target.id();
    List<String> names = new ArrayList<>(written.stream().map(w -> w.target().name()).toList());
    List<ImageColumn> image =
        written.stream().map(w -> new ImageColumn(w.target().name(), compare(w.target()))).toList();
    String delete = MariaDbDialect.deleteByImage(id, image);
    String live = null;
    if (softDelete != null) {
      String mark = softDelete.target().name();
      names.add(mark);
      live = MariaDbDialect.notDeleted(mark, options.deletes() instanceof DeleteMode.Flag);
      delete = MariaDbDialect.softDeleteByImage(id, mark, image, live);
    }
    WritePlan.Sql sql =
        new WritePlan.Sql(
            MariaDbDialect.insert(id, names),
            null,
            delete,
            null,
            null,
            MariaDbDialect.updateByImage(id, names, image, live));
    return new WritePlan(
        schema, id, written, List.of(), written, softDelete, options.deletes(), sql);
  }

  /** How a target column is compared with a bound value: as the target stores it. */
  static Compare compare(TargetColumn column) {
    if (column.dataType().equals("float")) {
      return Compare.FLOAT;
    }
    if (column.dataType().equals("double")) {
      return Compare.DOUBLE;
    }
    return column.isText() ? Compare.TEXT : Compare.PLAIN;
  }

  /**
   * The refusal of a table without key whose rows cannot be matched on their image: {@code why},
   * and the ways out ({@code remedy} besides key columns).
   */
  static SinkSchemaException noKey(TableId target, String why, String remedy) {
    return new SinkSchemaException(
        "target table "
            + target
            + " has no primary key and no unique key on NOT NULL columns, so the sink matches"
            + " its rows on their whole before image; "
            + why
            + ": add a key to it, name the columns that identify a row with"
            + " TableMapping.keyColumns(...) (--key-columns), or "
            + remedy,
        null);
  }
}
