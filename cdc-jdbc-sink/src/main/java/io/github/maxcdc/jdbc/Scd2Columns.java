package io.github.maxcdc.jdbc;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The names of the three columns a {@link TargetMode#SCD2} table adds to the source's columns, and
 * the end of a current version. Immutable.
 *
 * @param validFrom the commit time that opened the version, UTC, to the second ({@code DATETIME NOT
 *     NULL}, part of the key)
 * @param validTo the commit time that closed it ({@code DATETIME}), {@code openEnd} while current
 * @param current 1 for the current version of a row that exists, else 0 ({@code TINYINT NOT NULL})
 * @param openEnd the {@code validTo} of a current version: null (SQL NULL, the default) or a
 *     far-future value such as {@link #FAR_FUTURE}
 */
public record Scd2Columns(String validFrom, String validTo, String current, LocalDateTime openEnd) {
  /** 9999-12-31 23:59:59, the usual far-future end of a current version. */
  public static final LocalDateTime FAR_FUTURE = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

  /** {@code _valid_from}, {@code _valid_to}, {@code _current}, a NULL end for current versions. */
  public static final Scd2Columns DEFAULT =
      new Scd2Columns("_valid_from", "_valid_to", "_current", null);

  /** Validates the names: not empty, all different (case ignored); the end has no fraction. */
  public Scd2Columns {
    ShapeNames.require(
        List.of("validFrom", "validTo", "current"),
        List.of(
            Objects.requireNonNull(validFrom, "validFrom"),
            Objects.requireNonNull(validTo, "validTo"),
            Objects.requireNonNull(current, "current")));
    if (openEnd != null && openEnd.getNano() != 0) {
      throw new IllegalArgumentException(
          "openEnd must be a whole second (commit times are), got " + openEnd);
    }
  }

  /** The same names with current versions ending at {@code end} (null: SQL NULL). */
  public Scd2Columns withOpenEnd(LocalDateTime end) {
    return new Scd2Columns(validFrom, validTo, current, end);
  }

  /** The three names, in the order of the components. */
  public List<String> names() {
    return List.of(validFrom, validTo, current);
  }

  /** Whether {@code column} is one of the three (case ignored). */
  public boolean contains(String column) {
    return names().stream()
        .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT)));
  }
}
