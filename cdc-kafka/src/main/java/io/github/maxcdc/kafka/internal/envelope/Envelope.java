package io.github.maxcdc.kafka.internal.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.kafka.internal.RecordKey;
import io.github.maxcdc.position.Gtid;
import java.time.Instant;

/**
 * One change of a keyed topic, parsed but not yet typed: what is needed to order it, find its
 * schema and build its event ({@link EnvelopeReader#event}).
 *
 * @param table the source table ({@code source.db}, {@code source.table})
 * @param schemaVersion {@code source.schema_version}
 * @param gtid {@code source.gtid}
 * @param eventNumber {@code source.event_number}: the change's first record in its transaction
 * @param lastEventNumber the event number of {@code source.position}: its last record
 * @param op {@code c}, {@code u} or {@code d}
 * @param commitTime {@code source.ts_ms}
 * @param before the {@code before} row image, or null
 * @param after the {@code after} row image, or null
 * @param untrusted the {@code untrusted} object, or null
 */
public record Envelope(
    TableId table,
    int schemaVersion,
    Gtid gtid,
    int eventNumber,
    int lastEventNumber,
    char op,
    Instant commitTime,
    JsonNode before,
    JsonNode after,
    JsonNode untrusted) {

  /**
   * The order of the change in its source: GTID, then event number. A delete is ordered at its
   * first record, an insert at its last, so that an update split in two by a key change (delete of
   * the old key, insert of the new one) comes back in its order.
   */
  public RecordKey order() {
    return new RecordKey(gtid, op == 'c' ? lastEventNumber : eventNumber);
  }
}
