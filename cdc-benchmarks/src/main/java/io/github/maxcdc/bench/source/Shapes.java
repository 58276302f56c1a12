package io.github.maxcdc.bench.source;

import io.github.maxcdc.testkit.TableDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The two row shapes measured: the workshop's {@code shop_tx.commandes} (five columns) and the wide
 * {@code cdc_types.all_types} of recording {@code e_all_types_*} (42 columns, every type). Rows are
 * generated from a seeded random source, so every run measures the same bytes.
 */
public enum Shapes {
  /** {@code shop_tx.commandes}: id, client, montant DECIMAL(10,2), statut, date_creation. */
  COMMANDES("shop_tx", "commandes") {
    @Override
    public TableDefinition definition() {
      return columns().primaryKey("id").autoIncrement("id").build();
    }

    @Override
    public TableDefinition definitionWithoutKey() {
      return columns().build();
    }

    private TableDefinition.Builder columns() {
      return TableDefinition.builder()
          .column("id", "INT")
          .column("client", "VARCHAR(100)")
          .column("montant", "DECIMAL(10,2)")
          .column("statut", "VARCHAR(20)")
          .column("date_creation", "TIMESTAMP", TableDefinition.CURRENT_TIMESTAMP);
    }

    @Override
    public Map<String, Object> row(int id, SplittableRandom random) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", id);
      row.put("client", CLIENTS[random.nextInt(CLIENTS.length)] + " " + id);
      row.put("montant", BigDecimal.valueOf(random.nextLong(1, 10_000_000), 2));
      row.put("statut", STATUTS[random.nextInt(STATUTS.length)]);
      row.put("date_creation", Instant.ofEpochSecond(1_700_000_000L + id));
      return row;
    }
  },

  /** {@code cdc_types.all_types}: one column of (almost) every MariaDB type. */
  ALL_TYPES("cdc_types", "all_types") {
    @Override
    public TableDefinition definition() {
      return AllTypesRows.definition();
    }

    @Override
    public Map<String, Object> row(int id, SplittableRandom random) {
      return AllTypesRows.row(id, random);
    }
  };

  private static final String[] CLIENTS = {
    "Alice Martin", "Bruno Lefèvre", "Chloé Dubois", "David Moreau", "Émilie Laurent"
  };
  private static final String[] STATUTS = {"NOUVELLE", "PAYEE", "EXPEDIEE", "LIVREE"};

  private final String database;
  private final String table;

  Shapes(String database, String table) {
    this.database = database;
    this.table = table;
  }

  /** The database name. */
  public String database() {
    return database;
  }

  /** The table name. */
  public String table() {
    return table;
  }

  /** {@code database.table}. */
  public String qualifiedName() {
    return database + "." + table;
  }

  /** The table's columns and key, for the fake server. */
  public abstract TableDefinition definition();

  /**
   * The same columns without a key: the fake server checks a new row's key against every row it
   * holds, which makes streams of 10^5 rows and more quadratic to build; the rows carry their ids
   * all the same.
   */
  public TableDefinition definitionWithoutKey() {
    throw new UnsupportedOperationException(this + " is only measured with its key");
  }

  /** The row with primary key {@code id}, other values drawn from {@code random}. */
  public abstract Map<String, Object> row(int id, SplittableRandom random);

  /** Values of the wide shape, kept apart for size. */
  static final class AllTypesRows {
    private static final String[][] COLUMNS = {
      {"id", "INT"},
      {"c_tinyint", "TINYINT"},
      {"c_tinyint_u", "TINYINT UNSIGNED"},
      {"c_smallint", "SMALLINT"},
      {"c_smallint_u", "SMALLINT UNSIGNED"},
      {"c_mediumint", "MEDIUMINT"},
      {"c_mediumint_u", "MEDIUMINT UNSIGNED"},
      {"c_int", "INT"},
      {"c_int_u", "INT UNSIGNED"},
      {"c_bigint", "BIGINT"},
      {"c_bigint_u", "BIGINT UNSIGNED"},
      {"c_decimal", "DECIMAL(20,6)"},
      {"c_decimal0", "DECIMAL(5,0)"},
      {"c_float", "FLOAT"},
      {"c_double", "DOUBLE"},
      {"c_bool", "BOOLEAN"},
      {"c_char", "CHAR(10)"},
      {"c_varchar", "VARCHAR(255)"},
      {"c_tinytext", "TINYTEXT"},
      {"c_text", "TEXT"},
      {"c_mediumtext", "MEDIUMTEXT"},
      {"c_longtext", "LONGTEXT"},
      {"c_tinyblob", "TINYBLOB"},
      {"c_blob", "BLOB"},
      {"c_mediumblob", "MEDIUMBLOB"},
      {"c_longblob", "LONGBLOB"},
      {"c_binary", "BINARY(8)"},
      {"c_varbinary", "VARBINARY(64)"},
      {"c_date", "DATE"},
      {"c_time", "TIME"},
      {"c_time6", "TIME(6)"},
      {"c_datetime", "DATETIME"},
      {"c_datetime6", "DATETIME(6)"},
      {"c_timestamp", "TIMESTAMP"},
      {"c_timestamp6", "TIMESTAMP(6)"},
      {"c_year", "YEAR"},
      {"c_enum", "ENUM('small','medium','large')"},
      {"c_set", "SET('red','green','blue')"},
      {"c_bit1", "BIT(1)"},
      {"c_bit12", "BIT(12)"},
      {"c_bit64", "BIT(64)"},
      {"c_json", "JSON"},
    };
    private static final String[] SIZES = {"small", "medium", "large"};
    private static final String[] SETS = {"", "red", "red,blue", "green,blue", "red,green,blue"};

    private AllTypesRows() {}

    static TableDefinition definition() {
      TableDefinition.Builder b = TableDefinition.builder();
      for (String[] column : COLUMNS) {
        b.column(column[0], column[1]);
      }
      return b.primaryKey("id").autoIncrement("id").build();
    }

    static Map<String, Object> row(int id, SplittableRandom r) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", id);
      row.put("c_tinyint", r.nextInt(-128, 128));
      row.put("c_tinyint_u", r.nextInt(0, 256));
      row.put("c_smallint", r.nextInt(-32768, 32768));
      row.put("c_smallint_u", r.nextInt(0, 65536));
      row.put("c_mediumint", r.nextInt(-8388608, 8388608));
      row.put("c_mediumint_u", r.nextInt(0, 16777216));
      row.put("c_int", r.nextInt());
      row.put("c_int_u", r.nextLong(0, 1L << 32));
      row.put("c_bigint", r.nextLong());
      row.put(
          "c_bigint_u", BigInteger.valueOf(r.nextLong()).and(BigInteger.valueOf(Long.MAX_VALUE)));
      row.put(
          "c_decimal",
          BigDecimal.valueOf(r.nextLong(-99_999_999_999_999L, 99_999_999_999_999L), 6));
      row.put("c_decimal0", BigDecimal.valueOf(r.nextInt(-99999, 100000)));
      row.put("c_float", (float) (r.nextDouble() * 1000));
      row.put("c_double", r.nextDouble() * 1e6);
      row.put("c_bool", r.nextBoolean());
      row.put("c_char", "c" + (id % 100_000));
      row.put("c_varchar", "hello world " + id);
      row.put("c_tinytext", "tiny " + id);
      row.put("c_text", "some text for row " + id);
      row.put("c_mediumtext", "medium text " + id);
      row.put("c_longtext", "long text " + id);
      row.put("c_tinyblob", bytes(r, 4));
      row.put("c_blob", bytes(r, 16));
      row.put("c_mediumblob", bytes(r, 8));
      row.put("c_longblob", bytes(r, 2));
      row.put("c_binary", bytes(r, 8));
      row.put("c_varbinary", bytes(r, 12));
      row.put("c_date", LocalDate.of(2024, 1, 1).plusDays(r.nextInt(3650)));
      row.put("c_time", Duration.ofSeconds(r.nextInt(-3_000_000, 3_000_000)));
      row.put("c_time6", Duration.ofNanos(r.nextLong(0, 86_400_000_000L) * 1000));
      row.put("c_datetime", LocalDateTime.of(2024, 1, 2, 3, 4, 5).plusSeconds(r.nextInt(1 << 28)));
      row.put(
          "c_datetime6",
          LocalDateTime.of(2024, 1, 2, 3, 4, 5).plusNanos(r.nextLong(1L << 48) * 1000));
      row.put("c_timestamp", Instant.ofEpochSecond(1_700_000_000L + r.nextInt(1 << 26)));
      row.put(
          "c_timestamp6",
          Instant.ofEpochSecond(1_700_000_000L + r.nextInt(1 << 26), r.nextInt(1_000_000) * 1000L));
      row.put("c_year", 1901 + r.nextInt(255));
      row.put("c_enum", SIZES[r.nextInt(SIZES.length)]);
      row.put("c_set", SETS[r.nextInt(SETS.length)]);
      row.put("c_bit1", (long) r.nextInt(2));
      row.put("c_bit12", (long) r.nextInt(4096));
      row.put("c_bit64", r.nextLong());
      row.put("c_json", "{\"k\": \"v\", \"n\": [" + id + ", 2, 3]}");
      return row;
    }

    private static byte[] bytes(SplittableRandom r, int n) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) r.nextInt(256);
      }
      return b;
    }
  }
}
