package io.github.maxcdc.internal.value;

import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.ColumnType;
import java.util.EnumSet;
import java.util.Set;

/** The caveats of a column type as MaxScale 24.02 sends it (the README's type table). */
public final class Caveats {
  private Caveats() {}

  /**
   * Caveats of a column.
   *
   * @param type the column type
   * @param unsigned whether it is UNSIGNED
   * @param json whether the stream is in MaxScale's JSON format
   */
  public static Set<Caveat> of(ColumnType type, boolean unsigned, boolean json) {
    EnumSet<Caveat> caveats = EnumSet.noneOf(Caveat.class);
    switch (type) {
      case INT:
      case BIGINT:
        if (unsigned) {
          caveats.add(Caveat.UNSIGNED_WRAPPED);
        }
        break;
      case DECIMAL:
        caveats.add(Caveat.DECIMAL_AS_DOUBLE);
        break;
      case TIMESTAMP:
        caveats.add(Caveat.TIMESTAMP_IN_SERVER_ZONE);
        break;
      case TIME:
        caveats.add(Caveat.NEGATIVE_TIME_CORRUPTED);
        break;
      case ENUM:
        caveats.add(Caveat.ENUM_AS_INDEX);
        break;
      case SET:
        caveats.add(Caveat.SET_AS_BITMASK);
        break;
      case BIT:
      case JSON:
        caveats.add(Caveat.NOT_CARRIED);
        break;
      case BINARY:
        caveats.add(Caveat.PADDING_STRIPPED);
        break;
      case VARBINARY:
        caveats.add(Caveat.TRUNCATED_AT_NUL);
        break;
      case CHAR:
      case VARCHAR:
        caveats.add(Caveat.TEXT_CUT_AT_NUL);
        break;
      case UUID:
      case INET4:
      case INET6:
        caveats.add(Caveat.BINARY_FORM_CUT_AT_NUL);
        break;
      case GEOMETRY:
        caveats.add(Caveat.NOT_CARRIED);
        break;
      case UNKNOWN:
        break;
      default:
        if (type.isBlob() || type.isTextBlob()) {
          caveats.add(Caveat.EMPTY_SENT_AS_NUL);
        }
        break;
    }
    if (json && (type.isBinary() || type.isBinaryForm())) {
      caveats.add(Caveat.HEX_OR_TEXT_IN_JSON);
    }
    return caveats;
  }
}
