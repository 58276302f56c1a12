package io.github.maxcdc.internal.decode;

import java.util.List;

/** The fields MaxScale puts before a table's columns in every record. */
public final class MaxScaleFields {
  /** Field names, in the order MaxScale writes them. */
  public static final List<String> NAMES =
      List.of("domain", "server_id", "sequence", "event_number", "timestamp", "event_type");

  /** Number of MaxScale's own fields. */
  public static final int COUNT = NAMES.size();

  private MaxScaleFields() {}
}
