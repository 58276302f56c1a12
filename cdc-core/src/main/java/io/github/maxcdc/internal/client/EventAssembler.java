package io.github.maxcdc.internal.client;

import io.github.maxcdc.DecodeException;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.internal.value.RowConverter;
import io.github.maxcdc.spi.SourceItem.RawRow;
import io.github.maxcdc.spi.SourceItem.RowKind;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Turns raw row records into change events: values repaired per column type, MaxScale's {@code
 * update_before} and {@code update_after} records paired into one {@link Update}. Not thread-safe:
 * owned by the reader thread.
 */
public final class EventAssembler {
  private final ZoneId zone;
  private final String table;
  private final io.github.maxcdc.DeclaredTypes declared;
  private TableSchema lastRaw;
  private TableSchema lastTyped;
  private RowConverter converter;
  private RawRow pendingBefore;
  private Row pendingBeforeRow;
  private Instant lastCommit = Instant.EPOCH; // shared by the rows of a transaction

  /**
   * Creates an assembler.
   *
   * @param zone the time zone MaxScale renders TIMESTAMP values in
   * @param table the table's name, for messages
   */
  public EventAssembler(ZoneId zone, String table) {
    this(zone, table, null);
  }

  /**
   * Creates an assembler that gives schemas the source's declared column types.
   *
   * @param declared looks the declared types up, or null
   */
  public EventAssembler(ZoneId zone, String table, io.github.maxcdc.DeclaredTypes declared) {
    this.zone = zone;
    this.table = table;
    this.declared = declared;
  }

  /**
   * {@code raw} (as decoded) with the source's declared column types, looked up once per schema.
   *
   * @throws DecodeException if the lookup fails: values are not decoded on a guess
   */
  public TableSchema typed(TableSchema raw) throws DecodeException {
    if (declared == null) {
      return raw;
    }
    if (raw != lastRaw) {
      java.util.Map<String, String> types;
      try {
        types = declared.columnTypes(raw.table());
      } catch (Exception e) {
        throw new DecodeException(
            table
                + ": could not read the declared column types of schema version "
                + raw.version()
                + " from the source database: "
                + e.getMessage(),
            e);
      }
      lastTyped = raw.withDeclaredTypes(types == null ? java.util.Map.of() : types);
      lastRaw = raw;
    }
    return lastTyped;
  }

  /**
   * Takes the next raw record; returns the event it completes, or null when it is an {@code
   * update_before} waiting for its {@code update_after}.
   *
   * @throws DecodeException if a value does not fit its column type, or an update pair is broken
   */
  public ChangeEvent accept(RawRow raw) throws DecodeException {
    TableSchema schema = typed(raw.schema());
    Row row = convert(raw, schema);
    Instant at = commitTime(raw.timestamp());
    if (pendingBefore != null) {
      if (raw.kind() != RowKind.UPDATE_AFTER
          || !raw.gtid().equals(pendingBefore.gtid())
          || raw.eventNumber() <= pendingBefore.eventNumber()) {
        throw new DecodeException(
            table
                + ": the update_before record at "
                + pendingBefore.gtid()
                + ":"
                + pendingBefore.eventNumber()
                + " is followed by a "
                + name(raw.kind())
                + " record at "
                + raw.gtid()
                + ":"
                + raw.eventNumber()
                + " instead of its update_after");
      }
      Update update =
          new Update(
              schema,
              raw.gtid(),
              pendingBefore.eventNumber(),
              raw.eventNumber(),
              at,
              pendingBeforeRow,
              row,
              raw.sourceOffset());
      pendingBefore = null;
      pendingBeforeRow = null;
      return update;
    }
    switch (raw.kind()) {
      case INSERT:
        return new Insert(schema, raw.gtid(), raw.eventNumber(), at, row, raw.sourceOffset());
      case DELETE:
        return new Delete(schema, raw.gtid(), raw.eventNumber(), at, row, raw.sourceOffset());
      case UPDATE_BEFORE:
        pendingBefore = raw;
        pendingBeforeRow = row;
        return null;
      default:
        throw new DecodeException(
            table
                + ": an update_after record at "
                + raw.gtid()
                + ":"
                + raw.eventNumber()
                + " has no update_before before it");
    }
  }

  /** Whether an {@code update_before} waits for its pair. */
  public boolean pending() {
    return pendingBefore != null;
  }

  /** Forgets a waiting {@code update_before} (the connection ended). */
  public void reset() {
    pendingBefore = null;
    pendingBeforeRow = null;
  }

  private Instant commitTime(long epochSecond) {
    if (lastCommit.getEpochSecond() != epochSecond) {
      lastCommit = Instant.ofEpochSecond(epochSecond);
    }
    return lastCommit;
  }

  private Row convert(RawRow raw, TableSchema schema) throws DecodeException {
    if (converter == null || converter.schema() != schema) {
      converter = new RowConverter(schema, zone);
    }
    try {
      return converter.toRow(raw.values());
    } catch (IllegalArgumentException e) {
      throw new DecodeException(
          table
              + " at "
              + raw.gtid()
              + ":"
              + raw.eventNumber()
              + ": "
              + e.getMessage()
              + "; the value does not have the form MaxScale sends for its column type",
          e);
    }
  }

  private static String name(RowKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
