package io.github.maxcdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.maxcdc.event.Caveat;
import io.github.maxcdc.event.ChangeEvent;
import io.github.maxcdc.event.Column;
import io.github.maxcdc.event.Fidelity;
import io.github.maxcdc.event.Row;
import io.github.maxcdc.event.TableId;
import io.github.maxcdc.testing.Recorder;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random rows over every MariaDB column type the fake MaxScale serves with MaxScale 24.02.3's own
 * encodings (proven byte for byte against the recordings by the testkit's faithfulness tests):
 * every value the client gives is the value inserted, or its {@link Fidelity} says it cannot be
 * trusted, or its column carries a caveat whose damage cannot show in the value ({@link
 * Caveat#isSilent()}). Nothing can be wrong without a flag.
 */
class EveryTypeExactOrFlaggedIT {
  static final TableId TABLE = TableId.parse("types_db.every_type");
  static final int ROWS = 400;

  /** A column: its type, a generator of inserted values, and the typed value the client owes. */
  record Spec(String type, Function<Random, Object> value, Function<Object, Object> expected) {}

  static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    SPECS.put("c_tinyint", ints("TINYINT", -128, 127));
    SPECS.put("c_tinyint_u", ints("TINYINT UNSIGNED", 0, 255));
    SPECS.put("c_smallint", ints("SMALLINT", -32768, 32767));
    SPECS.put("c_smallint_u", ints("SMALLINT UNSIGNED", 0, 65535));
    SPECS.put("c_mediumint", ints("MEDIUMINT", -8388608, 8388607));
    SPECS.put("c_mediumint_u", ints("MEDIUMINT UNSIGNED", 0, 16777215));
    SPECS.put("c_int", ints("INT", Integer.MIN_VALUE, Integer.MAX_VALUE));
    SPECS.put(
        "c_int_u",
        new Spec("INT UNSIGNED", r -> edge(r, 0L, 4294967295L, r.nextLong(4294967296L)), v -> v));
    SPECS.put(
        "c_bigint",
        new Spec("BIGINT", r -> edge(r, Long.MIN_VALUE, Long.MAX_VALUE, r.nextLong()), v -> v));
    SPECS.put(
        "c_bigint_u",
        new Spec(
            "BIGINT UNSIGNED",
            r -> edge(r, BigInteger.ZERO, new BigInteger("18446744073709551615"), big(r)),
            v -> v));
    SPECS.put("c_bool", new Spec("BOOLEAN", r -> r.nextInt(2), v -> v));
    SPECS.put("c_dec10_2", decimal(10, 2));
    SPECS.put("c_dec5_0", decimal(5, 0));
    SPECS.put("c_dec20_6", decimal(20, 6));
    SPECS.put("c_dec65_30", decimal(65, 30));
    SPECS.put(
        "c_float",
        new Spec(
            "FLOAT",
            r -> (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-10, 30))),
            v -> v));
    SPECS.put(
        "c_double",
        new Spec(
            "DOUBLE", r -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-100, 300)), v -> v));
    SPECS.put("c_char", new Spec("CHAR(10)", r -> text(r, 10, false).strip(), v -> v));
    SPECS.put("c_varchar", new Spec("VARCHAR(40)", r -> text(r, 40, true), v -> v));
    SPECS.put("c_text", new Spec("TEXT", r -> text(r, 200, true), v -> v));
    SPECS.put("c_blob", new Spec("BLOB", r -> bytes(r, 64), v -> v));
    SPECS.put(
        "c_binary", new Spec("BINARY(8)", r -> bytes(r, 8), v -> stripTrailingZeros((byte[]) v)));
    SPECS.put("c_varbinary", new Spec("VARBINARY(16)", r -> bytes(r, 16), v -> v));
    SPECS.put(
        "c_date",
        new Spec(
            "DATE",
            r ->
                r.nextInt(20) == 0
                    ? "0000-00-00"
                    : LocalDate.of(1000, 1, 1).plusDays(r.nextInt(3_287_181)),
            v -> v instanceof String ? null : v));
    SPECS.put("c_datetime", dateTime(0));
    SPECS.put("c_datetime6", dateTime(6));
    SPECS.put("c_timestamp", timestamp(0));
    SPECS.put("c_timestamp6", timestamp(6));
    SPECS.put("c_time", time(0));
    SPECS.put("c_time6", time(6));
    SPECS.put(
        "c_year", new Spec("YEAR", r -> r.nextInt(10) == 0 ? 0 : 1901 + r.nextInt(255), v -> v));
    SPECS.put(
        "c_enum",
        new Spec(
            "ENUM('small','medium','large')",
            r -> List.of("small", "medium", "large").get(r.nextInt(3)),
            v -> List.of("small", "medium", "large").indexOf(v) + 1));
    SPECS.put("c_set", new Spec("SET('red','green','blue')", r -> (long) r.nextInt(8), v -> v));
    SPECS.put("c_bit", new Spec("BIT(12)", r -> (long) r.nextInt(4096), v -> null));
    SPECS.put("c_json", new Spec("JSON", r -> "{\"k\": " + r.nextInt() + "}", v -> null));
    SPECS.put(
        "c_uuid",
        new Spec(
            "UUID",
            r -> {
              ByteBuffer b = ByteBuffer.wrap(bytesWithZeros(r, 16));
              return new UUID(b.getLong(), b.getLong());
            },
            v -> v));
    SPECS.put("c_inet4", new Spec("INET4", r -> inet(r, 4), v -> v));
    SPECS.put("c_inet6", new Spec("INET6", r -> inet(r, 16), v -> v));
  }

  static Spec ints(String type, int min, int max) {
    return new Spec(
        type,
        r -> edge(r, min, max, (int) (min + (long) (r.nextDouble() * ((long) max - min)))),
        v -> v);
  }

  static <T> T edge(Random r, T min, T max, T any) {
    int pick = r.nextInt(10);
    return pick == 0 ? min : pick == 1 ? max : any;
  }

  static BigInteger big(Random r) {
    return new BigInteger(64, r);
  }

  static Spec decimal(int precision, int scale) {
    return new Spec(
        "DECIMAL(" + precision + "," + scale + ")",
        r -> {
          int digits = 1 + r.nextInt(r.nextBoolean() ? Math.min(precision, 12) : precision);
          BigInteger unscaled = new BigInteger(digits * 4, r).mod(BigInteger.TEN.pow(digits));
          BigDecimal v = new BigDecimal(unscaled, Math.min(scale, r.nextInt(scale + 1)));
          if (v.precision() - v.scale() > precision - scale) {
            v = v.movePointLeft(v.precision() - v.scale() - (precision - scale));
          }
          v = v.setScale(scale, java.math.RoundingMode.DOWN);
          return r.nextBoolean() ? v.negate() : v;
        },
        v -> v);
  }

  static Spec dateTime(int decimals) {
    return new Spec(
        decimals == 0 ? "DATETIME" : "DATETIME(" + decimals + ")",
        r ->
            r.nextInt(20) == 0
                ? "0000-00-00 00:00:00"
                : LocalDateTime.of(1000, 1, 1, 0, 0)
                    .plusSeconds(r.nextLong(284_012_524_800L))
                    .plusNanos(decimals == 0 ? 0 : r.nextInt(1_000_000) * 1000L),
        v -> v instanceof String ? null : v);
  }

  static Spec timestamp(int decimals) {
    return new Spec(
        decimals == 0 ? "TIMESTAMP" : "TIMESTAMP(" + decimals + ")",
        r ->
            Instant.ofEpochSecond(
                1 + r.nextLong(2_147_483_646L), decimals == 0 ? 0 : r.nextInt(1_000_000) * 1000L),
        v -> v);
  }

  static Spec time(int decimals) {
    return new Spec(
        decimals == 0 ? "TIME" : "TIME(" + decimals + ")",
        r -> {
          Duration d =
              Duration.ofSeconds(
                  r.nextLong(838L * 3600 + 3599), decimals == 0 ? 0 : r.nextInt(1_000_000) * 1000L);
          return r.nextInt(10) == 0 ? d.negated() : d;
        },
        v -> v);
  }

  static String text(Random r, int max, boolean nul) {
    String alphabet = "abcdef0123 xyzéàç€日本語";
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      s.append(nul && r.nextInt(40) == 0 ? '\0' : alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  static byte[] bytes(Random r, int max) {
    byte[] b = new byte[r.nextInt(max + 1)];
    r.nextBytes(b);
    if (r.nextInt(4) == 0) {
      // text-like bytes: valid UTF-8, sometimes hex-looking
      byte[] t = Integer.toHexString(r.nextInt()).getBytes(StandardCharsets.US_ASCII);
      return Arrays.copyOf(t, Math.min(t.length, max));
    }
    return b;
  }

  static byte[] bytesWithZeros(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        b[i] = 1;
      }
    }
    if (r.nextInt(3) == 0) {
      b[r.nextInt(n)] = 0; // cut there
    }
    return b;
  }

  static InetAddress inet(Random r, int n) {
    try {
      byte[] b = bytesWithZeros(r, n);
      return n == 16
          ? java.net.Inet6Address.getByAddress(null, b, -1)
          : InetAddress.getByAddress(b);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] stripTrailingZeros(byte[] b) {
    int end = b.length;
    while (end > 0 && b[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(b, end);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void everyValueIsExactOrFlagged(StreamFormat format) throws Exception {
    Random random = new Random(format.ordinal() * 7919L + 20261205L);
    TableDefinition.Builder definition =
        TableDefinition.builder().column("id", "INT").autoIncrement("id").primaryKey("id");
    Map<String, String> declared = new HashMap<>();
    for (Map.Entry<String, Spec> e : SPECS.entrySet()) {
      definition.column(e.getKey(), e.getValue().type());
      declared.put(e.getKey(), e.getValue().type().toLowerCase(java.util.Locale.ROOT));
    }
    List<Map<String, Object>> inserted = new ArrayList<>();
    Recorder recorder = new Recorder();
    try (FakeMaxScale server = FakeMaxScale.builder().build()) {
      ScriptedTable table = server.createTable("types_db", "every_type", definition.build());
      for (int i = 0; i < ROWS; i++) {
        Map<String, Object> row = new HashMap<>();
        for (Map.Entry<String, Spec> e : SPECS.entrySet()) {
          if (random.nextInt(8) != 0) {
            row.put(e.getKey(), e.getValue().value().apply(random));
          }
        }
        table.insert(row);
        inserted.add(row);
      }
      try (CdcClient client =
          CdcClient.builder()
              .address(server.host(), server.port())
              .credentials(FakeMaxScale.DEFAULT_USER, FakeMaxScale.DEFAULT_PASSWORD)
              .format(format)
              .table(TABLE)
              .declaredTypes(DeclaredTypes.of(Map.of(TABLE, declared)))
              .listener(recorder)
              .stopWhenIdle(Duration.ofMillis(700))
              .build()) {
        client.start();
        client.awaitTermination(Duration.ofSeconds(60));
      }
    }
    List<ChangeEvent> events = recorder.events;
    assertEquals(ROWS, events.size());
    Map<String, int[]> tally = new TreeMap<>(); // exact, flagged, silent column
    for (int i = 0; i < ROWS; i++) {
      Row row = events.get(i).after();
      for (Map.Entry<String, Spec> e : SPECS.entrySet()) {
        String name = e.getKey();
        Object in = inserted.get(i).get(name);
        int[] counts = tally.computeIfAbsent(name, k -> new int[3]);
        Fidelity fidelity = row.fidelity(name);
        if (in == null) {
          assertEquals(null, row.get(name), name + " NULL, row " + i);
          assertEquals(Fidelity.EXACT, fidelity, name + " NULL, row " + i);
          continue;
        }
        Object expected = e.getValue().expected().apply(in);
        Object actual = row.get(name);
        boolean equal =
            expected instanceof byte[] b
                ? actual instanceof byte[] a && Arrays.equals(a, b)
                : java.util.Objects.equals(expected, actual);
        Column column = row.schema().column(name).orElseThrow();
        if (!fidelity.isTrustworthy()) {
          counts[1]++;
        } else if (equal) {
          counts[0]++;
        } else if (column.caveats().stream().anyMatch(Caveat::isSilent)) {
          counts[2]++;
        } else {
          fail(
              format
                  + " row "
                  + i
                  + " column "
                  + name
                  + " ("
                  + column
                  + "): "
                  + describe(expected)
                  + " inserted, "
                  + describe(actual)
                  + " given as "
                  + fidelity);
        }
      }
    }
    int exact = tally.values().stream().mapToInt(c -> c[0]).sum();
    int all = tally.values().stream().mapToInt(c -> c[0] + c[1] + c[2]).sum();
    assertTrue(exact > all * 0.6, "most values are exact: " + exact + " of " + all);
    for (String column : List.of("c_uuid", "c_inet4", "c_inet6", "c_dec20_6")) {
      int[] c = tally.get(column);
      assertTrue(
          c[0] > 0 && c[1] > 0, column + " exact and flagged values seen: " + c[0] + "/" + c[1]);
    }
    // MaxScale reads no fraction beyond 8 bytes (scale 19 and up): never provably exact
    assertEquals(0, tally.get("c_dec65_30")[0], "c_dec65_30 never exact");
    for (String column : List.of("c_dec10_2", "c_dec5_0", "c_int_u", "c_bigint_u", "c_enum")) {
      assertEquals(0, tally.get(column)[1] + tally.get(column)[2], column + " always exact");
    }
  }

  static String describe(Object v) {
    return v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(v);
  }
}
