package io.github.maxcdc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** An external test database, which connects to nothing until asked. */
class TestDatabaseTest {
  static final String URL = "jdbc:mariadb://db.example:3306/test?user=ci&password=s3cret";

  @Test
  void anExternalServerGivesTheUrlOfEachDatabaseWithItsCredentials() {
    TestDatabase db = TestDatabase.external(URL);
    assertFalse(db.isEmbedded());
    assertEquals(
        "jdbc:mariadb://db.example:3306/shop_dw?user=ci&password=s3cret", db.jdbcUrl("shop_dw"));
    assertEquals("jdbc:mariadb://db.example:3306/?user=ci&password=s3cret", db.jdbcUrl(""));
  }

  @Test
  void whatOnlyTheEmbeddedServerDoesIsRefusedOnAnExternalOneSayingHowToSkip() {
    TestDatabase db = TestDatabase.external(URL);
    List<Consumer<TestDatabase>> calls =
        List.of(TestDatabase::port, TestDatabase::stop, TestDatabase::start);
    List<String> names = List.of("port()", "stop()", "start()");
    for (int i = 0; i < calls.size(); i++) {
      Consumer<TestDatabase> call = calls.get(i);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.accept(db));
      assertTrue(
          e.getMessage()
              .startsWith(
                  names.get(i)
                      + " needs the embedded server, and this test database is"
                      + " the external server jdbc:mariadb://db.example:3306/;"),
          e.getMessage());
      assertTrue(e.getMessage().contains("assumeTrue(db.isEmbedded())"), e.getMessage());
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
  }

  @Test
  void itsTextShowsNoPassword() {
    assertEquals(
        "the external server jdbc:mariadb://db.example:3306/",
        TestDatabase.external(URL).toString());
  }

  @Test
  void closingAnExternalServerDoesNothingAndCanBeRepeated() {
    TestDatabase db = TestDatabase.external(URL);
    db.close();
    db.close();
    assertEquals("jdbc:mariadb://db.example:3306/x?user=ci&password=s3cret", db.jdbcUrl("x"));
  }

  @Test
  void callerMistakesAreNamed() {
    assertEquals(
        "url",
        assertThrows(NullPointerException.class, () -> TestDatabase.external(null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> TestDatabase.external("db.example:3306"));
    assertEquals(
        "database",
        assertThrows(NullPointerException.class, () -> TestDatabase.external(URL).jdbcUrl(null))
            .getMessage());
    assertEquals(
        "builder",
        assertThrows(NullPointerException.class, () -> TestDatabase.embedded(null)).getMessage());
  }
}
