package io.github.maxcdc.jdbc.internal.source;

import io.github.maxcdc.jdbc.internal.sql.ConnectionFactory;
import java.sql.DriverManager;
import java.util.Objects;
import java.util.Properties;

/**
 * A database named by JDBC URL and credentials: the connections it opens and how it is shown (any
 * {@code password=} in the URL hidden; the password given apart is never shown).
 *
 * @param connections opens a connection with the credentials
 * @param description the URL, without secrets
 */
public record JdbcUrl(ConnectionFactory connections, String description) {

  /**
   * The database of {@code url}, reached as {@code user} with {@code password}.
   *
   * @throws IllegalArgumentException if {@code url} is not a JDBC URL
   */
  public static JdbcUrl of(String url, String user, String password) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "url must be a JDBC URL (jdbc:mariadb://host:port/db), got '" + redact(url) + "'");
    }
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return new JdbcUrl(() -> DriverManager.getConnection(url, properties), redact(url));
  }

  /**
   * {@code text} (a URL, or a data source's description) with its passwords hidden: {@code
   * password=...} and {@code pwd=...} parameters, and the password of {@code //user:password@host}.
   */
  public static String redact(String text) {
    return text.replaceAll("(?i)(password|pwd)=[^&;,)\\s]*", "$1=<hidden>")
        .replaceAll("//([^/@:\\s]*):[^/@\\s]*@", "//$1:<hidden>@");
  }
}
