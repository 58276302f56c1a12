package io.github.maxcdc.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The names of the four columns a {@link TargetMode#HISTORY} table adds to the source's columns. A
 * table the sink creates gives the first two ASCII text compared byte for byte. Immutable.
 *
 * @param op the kind of change: {@code insert}, {@code update} or {@code delete} ({@code VARCHAR(8)
 *     NOT NULL})
 * @param gtid the GTID of the source transaction ({@code VARCHAR(64) NOT NULL}, part of the key)
 * @param eventNumber the change's event number inside its transaction ({@code INT NOT NULL}, part
 *     of the key)
 * @param commitTime the source transaction's commit time, UTC, to the second ({@code DATETIME NOT
 *     NULL})
 */
public record HistoryColumns(String op, String gtid, String eventNumber, String commitTime) {
  /** {@code _op}, {@code _gtid}, {@code _event_number}, {@code _commit_time}. */
  public static final HistoryColumns DEFAULT =
      new HistoryColumns("_op", "_gtid", "_event_number", "_commit_time");

  /**
   * Validates the names: not empty, and all different (case ignored, as MariaDB compares column
   * names).
   */
  public HistoryColumns {
    ShapeNames.require(
        List.of("op", "gtid", "eventNumber", "commitTime"),
        List.of(
            Objects.requireNonNull(op, "op"),
            Objects.requireNonNull(gtid, "gtid"),
            Objects.requireNonNull(eventNumber, "eventNumber"),
            Objects.requireNonNull(commitTime, "commitTime")));
  }

  /** The four names, in the order of the components. */
  public List<String> names() {
    return List.of(op, gtid, eventNumber, commitTime);
  }

  /** Whether {@code column} is one of the four (case ignored). */
  public boolean contains(String column) {
    return names().stream()
        .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT)));
  }
}
