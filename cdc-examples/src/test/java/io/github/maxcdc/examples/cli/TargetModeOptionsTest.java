package io.github.maxcdc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.maxcdc.jdbc.JdbcSink;
import io.github.maxcdc.jdbc.TargetMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code --target-mode} and the options of its shapes, as {@code replicate} parses them. */
class TargetModeOptionsTest {
  static final Map<String, String> ENV = Map.of("DW_PASSWORD", "secret");

  static ReplicateCommand parse(String... more) {
    ReplicateCommand command =
        new ReplicateCommand(new PrintStream(PrintStream.nullOutputStream()), ENV);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--host", "localhost",
                "--user", "cdc",
                "--password-env", "DW_PASSWORD",
                "--table", "shop.orders",
                "--target-url", "jdbc:mariadb://localhost:3306/shop_dw",
                "--target-user", "etl",
                "--target-password-env", "DW_PASSWORD",
                "--target-table", "orders_dw"));
    args.addAll(List.of(more));
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    return command;
  }

  static JdbcSink sink(ReplicateCommand command) {
    return command
        .target
        .builder(command.target.mapping(command.source.tableIds().get(0)), ENV)
        .build();
  }

  @Test
  void mirrorByDefault() {
    assertEquals(TargetMode.MIRROR, sink(parse()).targetMode());
  }

  @Test
  void eachModeByItsName() {
    assertEquals(TargetMode.HISTORY, sink(parse("--target-mode", "history")).targetMode());
    assertEquals(
        TargetMode.SCD2,
        sink(parse("--target-mode", "SCD2", "--create-target", "id")).targetMode());
    ParameterException e =
        assertThrows(ParameterException.class, () -> sink(parse("--target-mode", "archive")));
    assertTrue(e.getMessage().contains("[mirror, history, scd2]"), e.getMessage());
  }

  @Test
  void shapeColumnsAreFourOrThreeNamesOfTheirOwnMode() {
    sink(parse("--target-mode", "history", "--history-columns", "op,tx,seq,at"));
    sink(
        parse(
            "--target-mode",
            "scd2",
            "--key-columns",
            "id",
            "--scd2-columns",
            "from,to,cur",
            "--scd2-open-end",
            "9999-12-31 23:59:59"));
    assertUsage("4 comma-separated", "--target-mode", "history", "--history-columns", "a,b,c");
    assertUsage("repeats", "--target-mode", "history", "--history-columns", "a,b,c,A");
    assertUsage("history only", "--history-columns", "a,b,c,d");
    assertUsage("scd2 only", "--target-mode", "history", "--scd2-open-end", "null");
    assertUsage(
        "'9999-12-31 23:59:59'",
        "--target-mode",
        "scd2",
        "--key-columns",
        "id",
        "--scd2-open-end",
        "someday");
  }

  @Test
  void scd2NeedsKeyColumnsToCreateItsTable() {
    assertUsage("needs its key columns", "--target-mode", "scd2", "--create-target");
  }

  @Test
  void aSnapshotOnlyFillsAMirror() {
    parse("--snapshot").target.refuseSnapshot(true);
    ParameterException e =
        assertThrows(
            ParameterException.class,
            () -> parse("--target-mode", "history").target.refuseSnapshot(true));
    assertTrue(e.getMessage().contains("--snapshot does not go with"), e.getMessage());
  }

  static void assertUsage(String expected, String... args) {
    ParameterException e = assertThrows(ParameterException.class, () -> sink(parse(args)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
