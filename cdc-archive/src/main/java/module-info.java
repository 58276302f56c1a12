/**
 * maxcdc archive: writes the change stream of a table to gzip-compressed JSON Lines files, one per
 * UTC day, crash-safe, and replays them into any {@link io.github.maxcdc.ChangeListener} (a {@code
 * JdbcSink} among others). Entry points: {@link io.github.maxcdc.archive.TableArchive} and {@link
 * io.github.maxcdc.archive.ArchiveReplay}.
 */
module io.github.maxcdc.archive {
  requires transitive io.github.maxcdc;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.github.maxcdc.archive;
  // one encoding of values and schemas for every format: cdc-kafka's envelopes reuse
  // RowJson, RowDecoder and SchemaLines rather than a copy that could drift
  exports io.github.maxcdc.archive.internal to
      io.github.maxcdc.kafka;
}
