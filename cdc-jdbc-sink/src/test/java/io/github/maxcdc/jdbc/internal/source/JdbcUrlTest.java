package io.github.maxcdc.jdbc.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Passwords never leave a URL or a data source's description into a message or a log. */
class JdbcUrlTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:mariadb://h:3306/db?user=u&password=s3cret&x=1|jdbc:mariadb://h:3306/db?user=u&password=<hidden>&x=1",
        "jdbc:mariadb://u:s3cret@h:3306/db|jdbc:mariadb://u:<hidden>@h:3306/db",
        "mariadb://h/db;PWD=s3cret;a=b|mariadb://h/db;PWD=<hidden>;a=b",
        "Pool[url=jdbc:x://h, password=s3cret, max=5]|Pool[url=jdbc:x://h, password=<hidden>, max=5]"
      })
  void passwordsAreHidden(String text, String redacted) {
    assertEquals(redacted, JdbcUrl.redact(text));
  }

  @ParameterizedTest
  @CsvSource({"mariadb://u:s3cret@h/db", "h:3306/db?password=s3cret"})
  void aUrlThatIsNotJdbcIsRefusedWithoutItsPassword(String url) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JdbcUrl.of(url, "u", "pw"));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertTrue(e.getMessage().contains("<hidden>"), e.getMessage());
  }
}
