package io.github.maxcdc.jdbc.internal.exec;

import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.jdbc.internal.plan.WritePlan;
import io.github.maxcdc.jdbc.internal.plan.WritePlan.Written;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The upserts, or the deletes, of one write not yet bound, in stream order, with their keys.
 *
 * <p>Two runs are open at once, one of each kind. The deletes are always bound before the upserts,
 * so a delete may pass upserts that came before it (never the reverse: a later upsert may take a
 * unique value the delete frees), and only when its key is known to differ from all of theirs
 * ({@link #exactKey}): the key columns of the target hold integers and the streamed key values are
 * integers, so that two keys equal in the target are equal here. Text keys (collations that ignore
 * case, accents or trailing spaces), decimals and temporal keys can be equal in the target and
 * differ in Java: for them the other run is always bound first, so no change passes another. Not
 * thread-safe.
 */
final class Run {
  final List<ChangeEvent> events = new ArrayList<>();
  final List<Row> rows = new ArrayList<>();
  private final Set<List<Object>> keys = new HashSet<>();
  private boolean inexact; // a key of the run is not an exact key
  private Instant mark; // the soft-delete timestamp of every change of a run of deletes, or null

  boolean isEmpty() {
    return rows.isEmpty();
  }

  int size() {
    return rows.size();
  }

  Instant mark() {
    return mark;
  }

  /**
   * Whether a change of {@code key} (null when not exact) may have to follow a change of this run:
   * the run holds the same key, or a key that cannot be compared exactly.
   */
  boolean conflicts(List<Object> key) {
    return !isEmpty() && (key == null || inexact || keys.contains(key));
  }

  void add(ChangeEvent event, Row row, List<Object> key, Instant mark) {
    events.add(event);
    rows.add(row);
    if (key == null) {
      inexact = true;
    } else {
      keys.add(key);
    }
    this.mark = mark;
  }

  void clear() {
    events.clear();
    rows.clear();
    keys.clear();
    inexact = false;
    mark = null;
  }

  /**
   * The key of {@code row} as the target compares it, or null if that cannot be known here: a key
   * column of the target that is not an integer type, or a streamed value that is not an integer.
   */
  static List<Object> exactKey(WritePlan plan, Row row) {
    List<Object> key = new ArrayList<>(plan.key().size());
    for (Written column : plan.key()) {
      if (!column.target().isInteger()) {
        return null;
      }
      Object value = row.get(column.source());
      if (value == null
          || value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte) {
        key.add(value == null ? null : ((Number) value).longValue());
      } else if (value instanceof BigInteger big) {
        key.add(big.bitLength() < 64 ? (Object) big.longValue() : big);
      } else {
        return null;
      }
    }
    return key;
  }
}
