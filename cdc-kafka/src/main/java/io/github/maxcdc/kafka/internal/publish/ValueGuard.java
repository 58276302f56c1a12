package io.github.maxcdc.kafka.internal.publish;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Delete;
import io.github.maxcdc.event.Insert;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.Update;
import io.github.maxcdc.kafka.PublishException;
import io.github.maxcdc.kafka.UntrustedValueException;

/**
 * What the publisher does with the values MaxScale damaged ({@link DamagedValues}): with a source
 * database, re-reads those of the after image ({@link SourceReread}) and publishes the others
 * flagged; without one, refuses the change ({@link UntrustedValueException}) unless untrusted
 * values are allowed, then publishes them flagged. Not thread-safe: the publisher's thread.
 */
public final class ValueGuard implements AutoCloseable {
  private final SourceReread reread; // null without a source database
  private final boolean allowUntrusted;
  private final KeyColumns keys;

  /** A guard re-reading through {@code reread} (null for none), by {@code keys}. */
  public ValueGuard(SourceReread reread, boolean allowUntrusted, KeyColumns keys) {
    this.reread = reread;
    this.allowUntrusted = allowUntrusted;
    this.keys = keys;
  }

  /**
   * {@code event} as it is to be published: its damaged values re-read or flagged.
   *
   * @throws UntrustedValueException if a value is damaged and may not be published
   * @throws PublishException if the source cannot be read
   */
  public ChangeEvent prepare(ChangeEvent event) throws PublishException {
    Row before = event.before();
    Row after = event.after();
    if (reread != null) {
      if (after != null) {
        after = reread.repair(after, keys.of(event.schema()), keys.allColumns());
      }
    } else if (!allowUntrusted) {
      refuseDamaged(event);
    }
    before = DamagedValues.flagged(before);
    after = DamagedValues.flagged(after);
    if (before == event.before() && after == event.after()) {
      return event;
    }
    if (event instanceof Update u) {
      return new Update(
          u.schema(),
          u.gtid(),
          u.eventNumber(),
          u.afterEventNumber(),
          u.timestamp(),
          before,
          after,
          u.sourceOffset());
    }
    if (event instanceof Insert i) {
      return new Insert(
          i.schema(), i.gtid(), i.eventNumber(), i.timestamp(), after, i.sourceOffset());
    }
    Delete d = (Delete) event;
    return new Delete(
        d.schema(), d.gtid(), d.eventNumber(), d.timestamp(), before, d.sourceOffset());
  }

  private static void refuseDamaged(ChangeEvent event) throws UntrustedValueException {
    for (Row row : new Row[] {event.before(), event.after()}) {
      for (int i = 0; row != null && i < row.size(); i++) {
        String why = DamagedValues.why(row, i);
        if (why != null) {
          String column = row.schema().column(i).name();
          throw new UntrustedValueException(
              "change at "
                  + event.position()
                  + " of "
                  + event.table()
                  + ": the value of column '"
                  + column
                  + "' "
                  + why
                  + "; nothing of it was published. Give a source connection to re-read such"
                  + " values, or allow untrusted values to publish them flagged in the envelope's"
                  + " \"untrusted\"",
              column);
        }
      }
    }
  }

  @Override
  public void close() {
    if (reread != null) {
      reread.close();
    }
  }
}
