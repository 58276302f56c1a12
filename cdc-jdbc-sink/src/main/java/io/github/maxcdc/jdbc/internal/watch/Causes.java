package io.github.maxcdc.jdbc.internal.watch;

import java.time.Duration;
import java.util.Locale;

/**
 * The likely causes of a drift, and what to do, as the texts of {@code SchemaDrift.likelyCause()}.
 * The remedy is the one MaxScale's avrorouter documentation gives for a table whose {@code CREATE
 * TABLE} the binary logs do not hold: a schema file generated from the source table.
 */
final class Causes {
  private static final String RECOVER =
      " To recover, give MaxScale the table's current definition as its avrorouter documentation"
          + " says for tables whose CREATE TABLE is not in the binary logs (a schema file generated"
          + " from the source table with cdc_one_schema.py or cdc_schema.py, put in its avrodir"
          + " while MaxScale is stopped), then copy the table again: the changes MaxScale skipped"
          + " are never sent.";

  private static final String LOST_ROWS =
      " from then on sends nothing more for the table, only logging \"Row event and table map"
          + " event have different column counts\".";

  private Causes() {}

  /** A column renamed with {@code RENAME COLUMN}, which MaxScale 24.02 does not follow. */
  static String rename(String from, String to) {
    return "MaxScale 24.02 does not understand ALTER TABLE ... RENAME COLUMN (here "
        + from
        + " to "
        + to
        + "): it keeps the old name, does not apply the next ALTER TABLE that names the new"
        + " column, and"
        + LOST_ROWS
        + " Write renames as ALTER TABLE ... CHANGE old new TYPE."
        + RECOVER;
  }

  /** Another difference between MaxScale's schema and the source's. */
  static String mismatch() {
    return "MaxScale's avrorouter parses each ALTER TABLE itself and did not follow one of this"
        + " table's (or was given a schema file that does not match it); when its schema has fewer"
        + " columns than the rows of the binary log it"
        + LOST_ROWS
        + " Check MaxScale's log for the table."
        + RECOVER;
  }

  /** Changes of the table stopped arriving although the source table was written. */
  static String stall(SchemaDifference difference, Duration disconnected) {
    StringBuilder b = new StringBuilder();
    if (disconnected != null) {
      b.append("the client has not been connected to MaxScale for ")
          .append(text(disconnected))
          .append(" (see its warnings: MaxScale down or unreachable?); otherwise ");
    }
    if (difference != null) {
      b.append(
          difference.isRename()
              ? rename(difference.renamedFrom(), difference.renamedTo())
              : mismatch());
      return b.toString();
    }
    return b.append(
            "MaxScale's avrorouter has stopped converting the table (after an ALTER TABLE it did"
                + " not understand it logs \"Row event and table map event have different column"
                + " counts\" and sends nothing more for the table), or its replication from the"
                + " source has stopped. Check MaxScale's log and the state of its avrorouter"
                + " service (maxctrl show services).")
        .toString();
  }

  /** {@code 42.0 s} under two minutes, else {@code 5 min 03 s}. */
  static String text(Duration d) {
    if (d.compareTo(Duration.ofMinutes(2)) < 0) {
      return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
    return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
  }
}
