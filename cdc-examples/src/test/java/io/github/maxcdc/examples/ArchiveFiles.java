package io.github.maxcdc.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads an archive's files as any tool would: gunzip, one JSON object per line. */
final class ArchiveFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  private ArchiveFiles() {}

  /** The lines of a closed day file (a torn or cut file fails). */
  static List<String> lines(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The change lines of a day file, schema lines left out as a reader of changes does. */
  static List<String> changeLines(Path file) throws IOException {
    List<String> changes = new ArrayList<>();
    for (String line : lines(file)) {
      if (!JSON.readTree(line).path("type").asText().equals("schema")) {
        changes.add(line);
      }
    }
    return changes;
  }

  /** The positions of the change lines of every closed file of a table directory, in order. */
  static List<String> positions(Path tableDir) throws IOException {
    List<String> positions = new ArrayList<>();
    for (Path file : dayFiles(tableDir)) {
      for (String line : changeLines(file)) {
        positions.add(JSON.readTree(line).get("position").asText());
      }
    }
    return positions;
  }

  /** The names of the files in a table directory, sorted; none if there is no directory. */
  static List<String> names(Path tableDir) throws IOException {
    if (!Files.isDirectory(tableDir)) {
      return List.of(); // killed before it made its directory
    }
    try (Stream<Path> files = Files.list(tableDir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The closed day files of a table directory, oldest first. */
  static List<Path> dayFiles(Path tableDir) throws IOException {
    return names(tableDir).stream()
        .filter(n -> n.endsWith(".jsonl.gz"))
        .map(tableDir::resolve)
        .toList();
  }

  /** The manifest of a table directory. */
  static JsonNode manifest(Path tableDir) throws IOException {
    return JSON.readTree(tableDir.resolve("manifest.json").toFile());
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
