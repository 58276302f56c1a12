package io.github.maxcdc.event;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * MariaDB's text forms of the values whose Java types print differently: what {@code SELECT} shows,
 * and what MariaDB reads back into a column of the same type. Locale-independent.
 */
public final class MariaDbText {
  private MariaDbText() {}

  /**
   * An INET4 or INET6 value as MariaDB prints it: {@code 10.1.2.3}; {@code
   * 2001:db8:85a3::8a2e:370:7334} (the longest run of two or more zero groups shortened to {@code
   * ::}, lowercase); an IPv4-mapped or IPv4-compatible address with its last 32 bits dotted ({@code
   * ::ffff:10.1.2.3}).
   */
  public static String inet(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return dotted(b, 0);
    }
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
    }
    int bestBase = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && words[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestBase = start;
        bestLength = i - start;
      }
    }
    if (bestLength < 2) {
      bestBase = -1;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
        if (i == bestBase) {
          out.append(':');
        }
        continue;
      }
      if (i != 0) {
        out.append(':');
      }
      if (i == 6
          && bestBase == 0
          && (bestLength == 6
              || (bestLength == 7 && words[7] != 0x0001)
              || (bestLength == 5 && words[5] == 0xffff))) {
        out.append(dotted(b, 12));
        break;
      }
      out.append(Integer.toHexString(words[i]));
    }
    if (bestBase >= 0 && bestBase + bestLength == 8) {
      out.append(':');
    }
    return out.toString();
  }

  /** A TIME value as MariaDB writes it: {@code [-]HH:MM:SS[.ffffff]}, hours beyond 24 allowed. */
  public static String time(Duration d) {
    boolean negative = d.isNegative();
    Duration abs = d.abs();
    long seconds = abs.getSeconds();
    String text =
        String.format(
            Locale.ROOT,
            "%s%02d:%02d:%02d",
            negative ? "-" : "",
            seconds / 3600,
            (seconds / 60) % 60,
            seconds % 60);
    int micros = abs.getNano() / 1000;
    return micros == 0 ? text : text + String.format(Locale.ROOT, ".%06d", micros);
  }

  private static String dotted(byte[] b, int from) {
    return (b[from] & 0xff)
        + "."
        + (b[from + 1] & 0xff)
        + "."
        + (b[from + 2] & 0xff)
        + "."
        + (b[from + 3] & 0xff);
  }
}
