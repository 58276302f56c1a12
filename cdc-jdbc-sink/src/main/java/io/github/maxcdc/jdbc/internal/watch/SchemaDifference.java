package io.github.maxcdc.jdbc.internal.watch;

import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.TableSchema;
import io.github.maxcdc.jdbc.internal.target.TargetColumn;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a schema version MaxScale announced differs from the source table's columns: their count,
 * and position by position their names and types (see {@link TypeMatch}).
 *
 * <p>Names are compared as MaxScale writes them: case-insensitively (MariaDB's column names are),
 * with every character other than a letter, a digit or {@code _} made {@code _} (an Avro name holds
 * no other), and with a {@code _} MaxScale may append to a name its own fields use ({@code
 * timestamp}, {@code domain}...). Immutable.
 *
 * @param text what differs first, e.g. {@code "column 2 is name in MaxScale, label in the source"}
 * @param renamedFrom the name MaxScale kept for a column the source renamed, or null
 * @param renamedTo the source's new name of that column, or null
 */
public record SchemaDifference(String text, String renamedFrom, String renamedTo) {

  /** Whether the difference looks like a column renamed in the source and not in MaxScale. */
  public boolean isRename() {
    return renamedFrom != null;
  }

  /** The first difference between {@code maxscale} and {@code source}, if there is one. */
  public static Optional<SchemaDifference> of(TableSchema maxscale, List<TargetColumn> source) {
    List<Column> columns = maxscale.columns();
    int common = Math.min(columns.size(), source.size());
    for (int i = 0; i < common; i++) {
      Column m = columns.get(i);
      TargetColumn s = source.get(i);
      if (!sameName(m.name(), s.name())) {
        boolean renamed =
            source.stream().noneMatch(c -> sameName(m.name(), c.name()))
                && columns.stream().noneMatch(c -> sameName(c.name(), s.name()));
        return Optional.of(
            new SchemaDifference(
                "column "
                    + (i + 1)
                    + " is "
                    + m.name()
                    + " in MaxScale, "
                    + s.name()
                    + " in the source",
                renamed ? m.name() : null,
                renamed ? s.name() : null));
      }
      if (maxscale.realTypesKnown() && !TypeMatch.matches(m, s.dataType())) {
        return Optional.of(
            new SchemaDifference(
                "column "
                    + s.name()
                    + " is "
                    + typeOf(m)
                    + " in MaxScale, "
                    + s.columnType()
                    + " in the source",
                null,
                null));
      }
    }
    if (columns.size() != source.size()) {
      return Optional.of(
          new SchemaDifference(
              "MaxScale has "
                  + columns.size()
                  + (columns.size() == 1 ? " column, the source " : " columns, the source ")
                  + source.size()
                  + (columns.size() < source.size()
                      ? " (" + source.get(common).name() + " and after are not in MaxScale's)"
                      : " (" + columns.get(common).name() + " and after are not in the source)"),
              null,
              null));
    }
    return Optional.empty();
  }

  /** {@code name TYPE} for each of MaxScale's columns. */
  public static List<String> describe(TableSchema maxscale) {
    return maxscale.columns().stream().map(c -> c.name() + " " + typeOf(c)).toList();
  }

  /** {@code name type} for each of the source's columns, the type as the source declares it. */
  public static List<String> describe(List<TargetColumn> source) {
    return source.stream().map(c -> c.name() + " " + c.columnType()).toList();
  }

  static boolean sameName(String maxscale, String source) {
    if (maxscale.equalsIgnoreCase(source)) {
      return true;
    }
    String avro = avroName(source);
    return maxscale.equalsIgnoreCase(avro) || maxscale.equalsIgnoreCase(avro + "_");
  }

  private static String avroName(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      b.append(plain ? c : '_');
    }
    return b.toString();
  }

  private static String typeOf(Column c) {
    return c.realType() != null ? c.realType() : c.type().name().toLowerCase(Locale.ROOT);
  }
}
