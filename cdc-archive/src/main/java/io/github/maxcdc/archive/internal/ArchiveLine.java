package io.github.maxcdc.archive.internal;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.TableSchema;

/** One line of an archive file, decoded: a schema line or a change line. */
public sealed interface ArchiveLine permits ArchiveLine.SchemaLine, ArchiveLine.ChangeLine {

  /**
   * {@code {"type":"schema",...}}: the columns of the change lines that follow.
   *
   * @param schema the table's schema version
   */
  record SchemaLine(TableSchema schema) implements ArchiveLine {}

  /**
   * A change, in the {@code stream} command's line format.
   *
   * @param event the change, typed as the schema line before it says
   */
  record ChangeLine(ChangeEvent event) implements ArchiveLine {}
}
