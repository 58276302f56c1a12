package io.github.maxcdc.examples;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.ScriptedTable;
import io.github.maxcdc.testkit.TableDefinition;
import io.github.maxcdc.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The workshop's {@code shop_tx.commandes} with one big source transaction of {@code rows} inserts
 * (ids 1..rows), then three small ones: three inserts, an update of order 7, the delete of the last
 * order of the big one. Every value is a function of the id, so the rows any prefix of the stream
 * leads to are known without a model, and compared through a checksum. Not thread-safe.
 */
final class BigOrders {
  static final String SOURCE = "shop_tx.commandes";
  static final String TARGET_COLUMNS =
      " (id INT PRIMARY KEY, client VARCHAR(100), montant DECIMAL(10,2), statut VARCHAR(20), "
          + "date_creation TIMESTAMP NULL)";
  static final TableDefinition TABLE = TableDefinition.commandes();
  static final String[] STATUTS = {"NOUVELLE", "PAYEE", "EXPEDIEE"};
  static final int UPDATED = 7;
  static final BigDecimal UPDATED_AMOUNT = new BigDecimal("1.00");

  /** A table's content in a few figures: equal figures mean equal rows, but for a CRC collision. */
  record Checksum(
      long count, long sumId, BigDecimal sumMontant, long sumCrc, long minId, long maxId) {}

  private final int rows;
  private String bigGtid;
  private String lastGtid;

  BigOrders(int rows) {
    if (rows < UPDATED) {
      throw new IllegalArgumentException("at least " + UPDATED + " rows, got " + rows);
    }
    this.rows = rows;
  }

  /** Writes the transactions to {@code server}; returns how long the big one took, in seconds. */
  double script(FakeMaxScale server) {
    ScriptedTable table = server.createTable("shop_tx", "commandes", TABLE);
    long start = System.nanoTime();
    server.transaction(
        tx -> {
          for (int id = 1; id <= rows; id++) {
            tx.insert(table, original(id));
          }
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    bigGtid = server.lastGtid().orElseThrow();
    server.transaction(
        tx -> {
          for (int id = rows + 1; id <= rows + 3; id++) {
            tx.insert(table, original(id));
          }
        });
    table.update(Map.of("id", UPDATED), Map.of("statut", "PAYEE", "montant", UPDATED_AMOUNT));
    table.delete(Map.of("id", rows));
    lastGtid = server.lastGtid().orElseThrow();
    return seconds;
  }

  static Map<String, Object> original(int id) {
    return Map.of(
        "id",
        id,
        "client",
        "Client " + id,
        "montant",
        BigDecimal.valueOf(id * 7919L % 10_000_000, 2),
        "statut",
        STATUTS[id % STATUTS.length]);
  }

  String bigGtid() {
    return bigGtid;
  }

  String lastGtid() {
    return lastGtid;
  }

  /** Change events of the whole stream (an update counts once). */
  long events() {
    return rows + 3 + 1 + 1;
  }

  /** The target after the whole stream. */
  Checksum expected() {
    Sum sum = new Sum();
    for (int id = 1; id <= rows + 3; id++) {
      if (id == rows) {
        continue;
      }
      Map<String, Object> row = original(id);
      if (id == UPDATED) {
        sum.add(id, (String) row.get("client"), UPDATED_AMOUNT, "PAYEE");
      } else {
        sum.add(
            id,
            (String) row.get("client"),
            (BigDecimal) row.get("montant"),
            (String) row.get("statut"));
      }
    }
    return sum.checksum();
  }

  /** The target after the first {@code n} inserts of the big transaction. */
  static Checksum expectedPrefix(long n) {
    Sum sum = new Sum();
    for (int id = 1; id <= n; id++) {
      Map<String, Object> row = original(id);
      sum.add(
          id,
          (String) row.get("client"),
          (BigDecimal) row.get("montant"),
          (String) row.get("statut"));
    }
    return sum.checksum();
  }

  /** The checksum of a target table, computed by the target. */
  static Checksum of(TestDatabase db, String database, String table) throws SQLException {
    String sql =
        "SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(SUM(montant), 0.00), "
            + "COALESCE(SUM(CRC32(CONCAT_WS('|', id, client, montant, statut))), 0), "
            + "COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM "
            + table;
    try (Connection c = db.connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return new Checksum(
          rs.getLong(1),
          rs.getLong(2),
          rs.getBigDecimal(3).setScale(2),
          rs.getLong(4),
          rs.getLong(5),
          rs.getLong(6));
    }
  }

  /** Sums the figures of rows as the target's query does. */
  private static final class Sum {
    long count;
    long sumId;
    BigDecimal sumMontant = BigDecimal.ZERO.setScale(2);
    long sumCrc;
    long minId;
    long maxId;

    void add(int id, String client, BigDecimal montant, String statut) {
      count++;
      sumId += id;
      sumMontant = sumMontant.add(montant);
      CRC32 crc = new CRC32();
      crc.update(
          (id + "|" + client + "|" + montant.toPlainString() + "|" + statut)
              .getBytes(StandardCharsets.UTF_8));
      sumCrc += crc.getValue();
      minId = minId == 0 ? id : Math.min(minId, id);
      maxId = Math.max(maxId, id);
    }

    Checksum checksum() {
      return new Checksum(count, sumId, sumMontant, sumCrc, minId, maxId);
    }
  }
}
