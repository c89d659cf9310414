package dev.ticketmigration.accesspatterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad command lines get exit code 2 and exactly one error line naming the problem, before any
 * DynamoDB is contacted; {@code --help} lists every pattern. (The answer itself is checked against
 * a migrated table in {@link AccessPatternEquivalenceTest}.)
 */
class AskCommandTest {

  private record Result(int exit, String out, String err) {}

  private static Result ask(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        AskCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--value 1                                     | --pattern is required",
        "--pattern nope --value 1                      | unknown pattern 'nope'",
        "--pattern owned                               | pattern owned needs 1 value",
        "--pattern owned --value 1 --value 2           | pattern owned needs 1 value",
        "--pattern owned --value x1                    | OWNER_ID 'x1' is not an id",
        "--pattern owned --value -3                    | OWNER_ID '-3' is not an id",
        "--pattern available --value 1                 | pattern available needs 2 values",
        "--pattern available --value 1 --value 1.4.26  | DATE '1.4.26' is not a date",
        "--pattern city --value X --colour red         | unknown option --colour",
        "--pattern city --value                        | --value needs a value",
        "--pattern city --value X stray                | unexpected argument 'stray'",
        "--pattern city --value X --tablePrefix a/b    | --tablePrefix 'a/b'",
        "--pattern city --value X --dynamoEndpoint ftp://x | is not an http(s) URL",
      })
  void badArgumentsAreOneErrorLineAndExitCode2(String commandLine, String expected) {
    Result r = ask(commandLine.trim().split("\\s+"));
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("error: "), r.err());
    assertTrue(lines.get(0).contains(expected), r.err());
  }

  @Test
  void unreachableDynamoDbIsExitCode2() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Result r =
        ask(
            "--dynamoEndpoint",
            "http://127.0.0.1:" + port,
            "--dynamoLocal",
            "true",
            "--pattern",
            "owned",
            "--value",
            "1");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err().startsWith("error: cannot reach DynamoDB at http://127.0.0.1:" + port), r.err());
  }

  @Test
  void helpListsEveryPattern() {
    Result r = ask("--help");
    assertEquals(0, r.exit());
    for (AskPattern p : AskPattern.values()) {
      assertTrue(r.out().contains(p.usage()), r.out());
    }
  }

  @Test
  void tableAlignsColumnsAndCountsRows() {
    String table =
        TextTable.render(
            List.of("id", "name"),
            List.of(java.util.Arrays.asList("1", "Zoë"), java.util.Arrays.asList("22", null)));
    assertEquals("id  name\n--  ----\n1   Zoë\n22  -\n(2 rows)\n", table);
  }
}
