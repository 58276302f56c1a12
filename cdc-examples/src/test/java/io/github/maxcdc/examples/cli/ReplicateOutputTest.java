package io.github.maxcdc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.maxcdc.jdbc.SinkMetrics;
import io.github.maxcdc.position.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicateOutputTest {
  static final Instant NOW = Instant.parse("2024-01-02T03:04:05Z");

  static SinkMetrics metrics(long inserts, long updates, long deletes, String last) {
    return new SinkMetrics(
        inserts,
        updates,
        deletes,
        inserts + updates + deletes,
        1,
        1,
        1,
        0,
        0,
        0,
        0,
        last == null ? null : StreamPosition.parse(last),
        last == null ? null : NOW.minusMillis(1250),
        NOW);
  }

  @Test
  void progressLine() {
    assertEquals(
        "progress: 1234 changes applied, last 0-1-345:2, lag 1.3 s",
        ReplicationReport.progressLine(metrics(1000, 200, 34, "0-1-345:2")));
    assertEquals(
        "progress: 0 changes applied, last none, lag 0.0 s",
        ReplicationReport.progressLine(metrics(0, 0, 0, null)));
  }

  @Test
  void summaryLine() {
    assertEquals(
        "summary: 1 insert, 0 updates, 2 deletes in 3 transactions, 1 retry, last position"
            + " 0-1-5:1, 7 changes applied since the stream began, 2.1 s",
        ReplicationReport.summaryLine(metrics(1, 0, 2, "0-1-5:1"), 7, Duration.ofMillis(2_080)));
  }

  @Test
  void summaryLineCountsTheChangesThatFoundNoTargetRow() {
    SinkMetrics m = metrics(1, 1, 2, "0-1-5:1");
    SinkMetrics missing =
        new SinkMetrics(
            m.inserts(),
            m.updates(),
            m.deletes(),
            m.transactions(),
            m.commits(),
            m.batches(),
            m.retries(),
            m.ambiguousValues(),
            2,
            m.rereadRows(),
            m.goneRows(),
            m.lastPosition(),
            m.lastSourceTimestamp(),
            m.at());
    assertEquals(
        "summary: 1 insert, 1 update, 2 deletes in 4 transactions, 1 retry, 2 updates and deletes"
            + " that found no target row, last position 0-1-5:1, 4 changes applied since the"
            + " stream began, 0.5 s",
        ReplicationReport.summaryLine(missing, 4, Duration.ofMillis(500)));
  }

  @Test
  void progressLineOfSeveralStreamsListsEach() {
    Map<String, SinkMetrics> streams = new LinkedHashMap<>();
    streams.put("a.t -> dw.t", metrics(5, 2, 0, "0-1-9:1"));
    streams.put("a.u -> dw.u", metrics(0, 0, 0, null));
    assertEquals(
        "progress: 7 changes applied; a.t -> dw.t 7, last 0-1-9:1, lag 1.3 s;"
            + " a.u -> dw.u 0, last none, lag 0.0 s",
        ReplicationReport.progressLine(streams));
  }

  @Test
  void summaryOfSeveralStreamsHasALineEachAndTheTotal() {
    assertEquals(
        "summary of a.t -> dw.t: 1 insert, 0 updates, 2 deletes in 3 transactions, 1 retry,"
            + " last position 0-1-5:1, 7 changes applied since the stream began",
        ReplicationReport.streamSummaryLine("a.t -> dw.t", metrics(1, 0, 2, "0-1-5:1"), 7));
    assertEquals(
        "summary: 3 inserts, 1 update, 2 deletes in 6 transactions, 2 retries, 2 streams,"
            + " 12 changes applied since the streams began, 2.1 s",
        ReplicationReport.totalSummaryLine(
            List.of(metrics(1, 0, 2, "0-1-5:1"), metrics(2, 1, 0, null)),
            12,
            Duration.ofMillis(2_080)));
  }

  @ParameterizedTest
  @CsvSource({
    "jdbc:mariadb://dw-host:3306/shop_dw, shop_dw",
    "jdbc:mariadb://dw-host/shop_dw?user=etl&sslMode=trust, shop_dw",
    "'jdbc:mariadb://h1:3306,h2:3306/dw', dw",
    "jdbc:mariadb://dw-host:3306/, ''",
    "jdbc:mariadb://dw-host:3306, ''",
    "jdbc:mariadb://dw-host:3306/?user=root, ''",
  })
  void theDatabaseOfAJdbcUrl(String url, String database) {
    assertEquals(
        database.isEmpty() ? Optional.empty() : Optional.of(database),
        TargetOptions.databaseOf(url));
  }
}
