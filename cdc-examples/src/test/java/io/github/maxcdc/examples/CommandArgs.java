package io.github.maxcdc.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.maxcdc.StreamFormat;
import io.github.maxcdc.testkit.FakeMaxScale;
import io.github.maxcdc.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command lines of the {@code maxcdc} commands that read from a fake MaxScale, for tests: each test
 * states only what its command line has of its own.
 *
 * <pre>{@code
 * List<String> args =
 *     CommandArgs.replicate(server, "shop_tx.commandes")
 *         .target(db.jdbcUrl(DW), "DW_PASSWORD", "commandes_dw")
 *         .with("--idle-exit", "2s")
 *         .build();
 * }</pre>
 */
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
   * {@code replicate} of {@code table} from {@code server}, as its default user with the password
   * in {@code CDC_PASSWORD} ({@link #source}): the options the test adds come after, in the order
   * it adds them.
   */
  static Replicate replicate(FakeMaxScale server, String table) {
    return new Replicate(source("replicate", server, table));
  }

  /** {@code args} followed by {@code more}, in a new list the caller may change. */
  static List<String> plus(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  /**
   * {@code jdbc:mariadb://127.0.0.1:<port>/database}, without credentials: a URL of the embedded
   * server, which lets root in without a password. Skips the test on an external server.
   */
  static String embeddedUrl(TestDatabase db, String database) {
    assumeTrue(db.isEmbedded(), "needs the embedded server");
    return "jdbc:mariadb://127.0.0.1:" + db.port() + "/" + database;
  }

  /** A {@code replicate} command line being built. Not thread-safe. */
  static final class Replicate {
    private final List<String> args;

    private Replicate(List<String> args) {
      this.args = args;
    }

    /** Connects to MaxScale as {@code user}, with the password in {@code passwordEnv}. */
    Replicate cdcUser(String user, String passwordEnv) {
      args.set(args.indexOf("--user") + 1, user);
      args.set(args.indexOf("--password-env") + 1, passwordEnv);
      return this;
    }

    /** {@code --format json|avro}. */
    Replicate format(StreamFormat format) {
      return with("--format", format.name().toLowerCase(Locale.ROOT));
    }

    /**
     * {@code --target-url url --target-user root --target-password-env passwordEnv --target-table
     * table}.
     */
    Replicate target(String url, String passwordEnv, String table) {
      return with(
          "--target-url",
          url,
          "--target-user",
          "root",
          "--target-password-env",
          passwordEnv,
          "--target-table",
          table);
    }

    /** {@code --source-url url --source-user root --source-password-env passwordEnv}. */
    Replicate source(String url, String passwordEnv) {
      return with(
          "--source-url", url, "--source-user", "root", "--source-password-env", passwordEnv);
    }

    /** Any other options, as given. */
    Replicate with(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    /** The command line so far, in a new list the caller may change. */
    List<String> build() {
      return new ArrayList<>(args);
    }
  }
}
