package io.github.maxcdc.jdbc;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validation of the column names of a target shape. Stateless. */
final class ShapeNames {
  private ShapeNames() {}

  static void require(List<String> parameters, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.isBlank() || name.length() > 64) {
        throw new IllegalArgumentException(
            parameters.get(i) + " must be a column name of 1 to 64 characters, got '" + name + "'");
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            parameters.get(i) + " repeats the column name '" + name + "': each must differ");
      }
    }
  }
}
