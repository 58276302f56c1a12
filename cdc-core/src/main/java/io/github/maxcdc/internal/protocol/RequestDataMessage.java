package io.github.maxcdc.internal.protocol;

import io.github.maxcdc.event.TableId;
import io.github.maxcdc.position.Gtid;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code REQUEST-DATA db.table[.NNNNNN] [gtid]}. No line end: MaxScale would take it as part of the
 * file name (fixture {@code d10_request_data_trailing_newline}).
 *
 * @param table the table
 * @param version the schema version's file number, or 0 for the first file
 * @param gtid where MaxScale's JSON seek should start, or null for none
 */
record RequestDataMessage(TableId table, int version, Gtid gtid) {
  byte[] bytes() {
    StringBuilder text = new StringBuilder("REQUEST-DATA ").append(table);
    if (version > 0) {
      text.append('.').append(String.format(Locale.ROOT, "%06d", version));
    }
    if (gtid != null) {
      text.append(' ').append(gtid);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }
}
