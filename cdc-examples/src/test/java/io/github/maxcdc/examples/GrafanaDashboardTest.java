package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's shape; {@link ReplicateHttpIT} checks its metric names against what a running
 * {@code replicate} exports.
 */
class GrafanaDashboardTest {
  @Test
  void everyPanelQueriesMaxcdcMetricsFromTheDatasourceInput() throws Exception {
    List<List<String>> panels = GrafanaDashboard.panelQueries(ReplicateHttpIT.DASHBOARD);
    assertTrue(panels.size() >= 6, panels.toString());
    List<String> names = new ArrayList<>();
    panels.forEach(queries -> queries.forEach(q -> names.addAll(GrafanaDashboard.metrics(q))));
    for (String expected :
        List.of(
            "maxcdc_stream_lag_seconds",
            "maxcdc_inserts_total",
            "maxcdc_bytes_total",
            "maxcdc_batches_total",
            "maxcdc_retries_total",
            "maxcdc_reconnects_total",
            "maxcdc_snapshot_rows_copied")) {
      assertTrue(names.contains(expected), expected + " in " + names);
    }
  }

  @Test
  void aMetricTheCommandDoesNotExportIsCaught() {
    assertEquals(
        List.of("maxcdc_a_total", "maxcdc_b"),
        GrafanaDashboard.metrics("rate(maxcdc_a_total[5m]) / maxcdc_b{x=\"maxcdc\"}"));
    assertThrows(
        AssertionError.class,
        () ->
            GrafanaDashboard.assertNamesExportedMetrics(
                ReplicateHttpIT.DASHBOARD, List.of("maxcdc_stream_lag_seconds")));
  }
}
