package io.github.maxcdc.testkit.internal.scripted;

import io.github.maxcdc.testkit.internal.avro.ChangeSchema;
import java.time.Instant;
import java.util.List;

/**
 * Receives the scripted source's changes as MaxScale's replicator ({@code rpl.cc}) hands them to a
 * router's row event handler, for a router other than the avrorouter (the fake KafkaCDC router).
 * Called on the scripting thread while the {@link ScriptedDatabase} lock is held, so calls arrive
 * one at a time, in GTID order. Every method has a no-op default.
 */
public interface ReplicationListener {
  /** A listener that does nothing. */
  ReplicationListener NONE = new ReplicationListener() {};

  /**
   * A {@code CREATE TABLE} has its GTID.
   *
   * @param change the new table
   */
  default void tableCreated(TableChange change) {}

  /**
   * An {@code ALTER TABLE} has its GTID (whether or not the avrorouter started a new version).
   *
   * @param change the table as the statement left it
   */
  default void tableAltered(TableChange change) {}

  /**
   * Checks one row of a transaction before it commits; nothing of the transaction is committed yet.
   *
   * @param row the row
   * @throws IllegalArgumentException to refuse the transaction, which then has no effect
   */
  default void checkRow(RowChange row) {}

  /**
   * A transaction with at least one row has committed.
   *
   * @param gtid its GTID
   * @param rows its rows in event order, computed as they are iterated (a transaction of a million
   *     rows is never held as a list); iterate at most once
   */
  default void committed(String gtid, Iterable<RowChange> rows) {}

  /**
   * A table as a DDL statement left it.
   *
   * @param database database name
   * @param table table name
   * @param gtid the statement's GTID
   * @param time the statement's time
   * @param schema the table's columns (Avro names and types) after the statement
   */
  record TableChange(
      String database, String table, String gtid, Instant time, ChangeSchema schema) {}

  /**
   * One row image, with the values the replicator hands the handler ({@code column_int}, {@code
   * column_string}... in {@code rpl.cc}).
   *
   * @param domain GTID domain
   * @param serverId GTID server id
   * @param sequence GTID sequence
   * @param eventNumber 1-based event number in the transaction
   * @param time the transaction's time
   * @param eventType index into {@link ChangeSchema#EVENT_TYPES}
   * @param database database name
   * @param table table name
   * @param schema the table's columns
   * @param values one value a column: null, {@link Integer}, {@link Long}, {@link Float}, {@link
   *     Double} or {@code byte[]} (not to be modified)
   */
  record RowChange(
      long domain,
      long serverId,
      long sequence,
      int eventNumber,
      Instant time,
      int eventType,
      String database,
      String table,
      ChangeSchema schema,
      List<Object> values) {}
}
