package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code docs/grafana/maxcdc-dashboard.json}: its panels and the metrics they query. */
final class GrafanaDashboard {
  private static final Pattern METRIC = Pattern.compile("\\bmaxcdc_[a-z_]+\\b");

  private GrafanaDashboard() {}

  /**
   * Each panel's PromQL expressions (and each variable's query), checking that every panel reads
   * the dashboard's datasource input.
   */
  static List<List<String>> panelQueries(Path dashboard) throws IOException {
    JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
    JsonNode input = root.get("__inputs").get(0);
    assertEquals("DS_PROMETHEUS", input.get("name").asText());
    assertEquals("prometheus", input.get("pluginId").asText());
    List<List<String>> panels = new ArrayList<>();
    for (JsonNode panel : root.get("panels")) {
      String title = panel.get("title").asText();
      assertEquals("${DS_PROMETHEUS}", panel.get("datasource").get("uid").asText(), title);
      List<String> queries = new ArrayList<>();
      for (JsonNode target : panel.get("targets")) {
        queries.add(target.get("expr").asText());
      }
      assertFalse(queries.isEmpty(), title + " has no query");
      panels.add(queries);
    }
    for (JsonNode variable : root.get("templating").get("list")) {
      panels.add(List.of(variable.get("definition").asText()));
    }
    return panels;
  }

  /** The {@code maxcdc_*} metric names {@code query} reads. */
  static List<String> metrics(String query) {
    List<String> names = new ArrayList<>();
    Matcher m = METRIC.matcher(query);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  /** Every query names at least one metric, each in {@code exported}. */
  static void assertNamesExportedMetrics(Path dashboard, Collection<String> exported)
      throws IOException {
    for (List<String> queries : panelQueries(dashboard)) {
      for (String query : queries) {
        List<String> names = metrics(query);
        assertFalse(names.isEmpty(), "no maxcdc metric in " + query);
        for (String name : names) {
          assertTrue(exported.contains(name), name + " (in " + query + ") is not exported");
        }
      }
    }
  }
}
