package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/** Command lines of the {@code maxcdc} commands that read from a fake MaxScale, for tests. */
final class CommandArgs {
  private CommandArgs() {}

  /**
   * {@code command --host H --port P --user U --password-env CDC_PASSWORD --table table more...},
   * against {@code server} with its default user; a list the caller may add to.
   */
  static List<String> source(String command, FakeMaxScale server, String table, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--host",
                server.host(),
                "--port",
                String.valueOf(server.port()),
                "--user",
                FakeMaxScale.DEFAULT_USER,
                "--password-env",
                "CDC_PASSWORD",
                "--table",
                table));
    args.addAll(List.of(more));
    return args;
  }

  /**
   * {@code jdbc:mariadb://127.0.0.1:<port>/database}, without credentials: a URL of the embedded
   * server, which lets root in without a password. Skips the test on an external server.
   */
  static String embeddedUrl(TestDatabase db, String database) {
    assumeTrue(db.isEmbedded(), "needs the embedded server");
    return "jdbc:mariadb://127.0.0.1:" + db.port() + "/" + database;
  }
}
