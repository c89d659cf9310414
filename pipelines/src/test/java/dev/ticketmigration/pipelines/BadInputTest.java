package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A user mistake is one line on stderr that names the problem and the option to fix, exit code 2,
 * and no stack trace.
 */
class BadInputTest {
  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.H2, 200, 1);

  @TempDir static Path out;

  private static Run run(String... overrides) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--sourceUrl=" + env.source().url(),
                "--sourceUser=sa",
                "--dynamoEndpoint=" + env.dynamo().endpoint(),
                "--dynamoLocal=true",
                "--tablePrefix=bad_" + System.nanoTime() + "_",
                "--deadLetterDir=" + out.resolve("dl"),
                "--reportPath="));
    for (String o : overrides) {
      String name = o.substring(0, o.indexOf('=') + 1);
      args.removeIf(a -> a.startsWith(name));
      args.add(o);
    }
    return Run.of(args.toArray(new String[0]));
  }

  /** Exit 2, exactly one stderr line naming {@code expected}, and no stack trace anywhere. */
  private static void assertOneClearLine(Run run, String... expected) {
    assertEquals(2, run.exit(), run.output());
    String[] lines = run.stderr().strip().split("\n");
    assertEquals(1, lines.length, run.stderr());
    assertTrue(lines[0].startsWith("error: "), lines[0]);
    for (String e : expected) {
      assertTrue(lines[0].contains(e), "'" + e + "' not in: " + lines[0]);
    }
    assertFalse(run.output().contains("\tat "), run.output());
    assertFalse(run.output().contains("Exception"), run.output());
  }

  @Test
  void notAJdbcUrl() {
    assertOneClearLine(run("--sourceUrl=jdbc:nosuchdb://x"), "--sourceUrl", "jdbc:postgresql:");
  }

  @Test
  void unreachableSource() {
    assertOneClearLine(
        run("--sourceUrl=jdbc:postgresql://127.0.0.1:1/test", "--sourceUser=postgres"),
        "cannot connect",
        "--sourceUrl");
  }

  @Test
  void wrongPassword() {
    assertOneClearLine(
        run(
            "--sourceUrl=jdbc:mariadb://127.0.0.1:3306/test",
            "--sourceUser=root",
            "--sourcePasswordFile=" + writePassword("certainly-wrong")),
        "cannot connect",
        "password");
  }

  @Test
  void sourceMissingTables() throws Exception {
    try (TestSource empty = TestSource.create(TestSource.Kind.H2)) {
      empty.exec("CREATE TABLE sport_type (name VARCHAR(15) PRIMARY KEY)");
      assertOneClearLine(
          run("--sourceUrl=" + empty.url()), "no table", "ticket_purchase_hist", "--sourceSchema");
    }
  }

  @Test
  void schemaThatIsNotAnIdentifier() {
    assertOneClearLine(run("--sourceSchema=x; DROP TABLE person"), "--sourceSchema");
  }

  @Test
  void unreachableDynamo() {
    assertOneClearLine(
        run("--dynamoEndpoint=http://127.0.0.1:1"), "unreachable", "--dynamoEndpoint");
  }

  @Test
  void dynamoEndpointThatIsNotAUrl() {
    assertOneClearLine(run("--dynamoEndpoint=localhost:8000"), "--dynamoEndpoint");
  }

  @Test
  void blankSourceOrEndpointIsAMistakeNotTheDemo() {
    assertOneClearLine(run("--sourceUrl="), "--sourceUrl is empty");
    assertOneClearLine(run("--sourceUrl=  "), "--sourceUrl is empty");
    assertOneClearLine(run("--dynamoEndpoint="), "--dynamoEndpoint is empty");
  }

  @Test
  void demoSourceNeverWritesIntoAnEndpointNotDeclaredLocal() {
    Run demo =
        Run.of("--runner=DirectRunner", "--dynamoEndpoint=http://127.0.0.1:1", "--reportPath=");
    assertOneClearLine(demo, "--sourceUrl", "--dynamoEndpoint=local");
    assertFalse(demo.stdout().contains("Generating"), demo.output());
  }

  @Test
  void missingTableWithoutCreate() {
    assertOneClearLine(run("--createTables=false"), "does not exist", "--createTables");
  }

  @Test
  void tableWithTheWrongKeys() {
    String prefix = "wrongkeys_" + System.nanoTime() + "_";
    try (DynamoDbClient client = DynamoTarget.local(env.dynamo().endpoint()).newClient()) {
      client.createTable(
          b ->
              b.tableName(prefix + "ticket_sales")
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName("id")
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                  .billingMode(BillingMode.PAY_PER_REQUEST));
    }
    assertOneClearLine(run("--tablePrefix=" + prefix), "key schema", "--tablePrefix");
  }

  @Test
  void badTablePrefix() {
    assertOneClearLine(run("--tablePrefix=a b"), "--tablePrefix");
  }

  @Test
  void unknownTableInSlice() {
    assertOneClearLine(run("--tables=tickets"), "--tables", "not a DMS_SAMPLE table");
  }

  @Test
  void splitTicketTables() {
    assertOneClearLine(run("--tables=sporting_event_ticket"), "ticket_purchase_hist");
  }

  @Test
  void emptyOrInvertedSlices() {
    assertOneClearLine(run("--minTicketId=10", "--maxTicketId=5"), "--minTicketId", "empty");
    assertOneClearLine(
        run("--eventDateFrom=2026-05-02", "--eventDateTo=2026-05-01"), "--eventDateFrom", "empty");
    assertOneClearLine(run("--eventDateFrom=May 1st"), "--eventDateFrom", "2026-05-01");
  }

  @Test
  void unknownOption() {
    assertOneClearLine(run("--sourceURL=jdbc:h2:mem:x"), "sourceURL", "--help");
  }

  @Test
  void repeatedOption() {
    assertOneClearLine(
        Run.of("--sourceSchema=a", "--tablePrefix=x", "--sourceSchema=b"),
        "--sourceSchema",
        "once");
  }

  @Test
  void badNumbers() {
    assertOneClearLine(run("--fetchSize=0"), "--fetchSize");
    assertOneClearLine(run("--maxWriteRate=-5"), "--maxWriteRate");
  }

  @Test
  void malformedDynamoEndpoints() {
    for (String endpoint :
        List.of("http://", "http://exa mple:80", "ftp://x", "https://:443", "http://h:99999")) {
      assertOneClearLine(
          beforeAnyIo("--dynamoEndpoint=" + endpoint), "--dynamoEndpoint", "http(s) URL");
    }
  }

  @Test
  void numbersOutOfRange() {
    assertOneClearLine(
        beforeAnyIo("--mode=PLAN", "--planWriteUnitsPerSecond=0"), "--planWriteUnitsPerSecond");
    assertOneClearLine(
        beforeAnyIo("--mode=PLAN", "--writePricePerMillion=-0.5"), "--writePricePerMillion");
    assertOneClearLine(beforeAnyIo("--readPartitions=10001"), "--readPartitions", "10,000");
    assertOneClearLine(beforeAnyIo("--scanSegments=1001"), "--scanSegments", "1,000");
    assertOneClearLine(beforeAnyIo("--writeRetries=-1"), "--writeRetries");
    assertOneClearLine(beforeAnyIo("--writeWorkers=0"), "--writeWorkers");
    assertOneClearLine(beforeAnyIo("--mode=PLAN", "--sampleFraction=2"), "--sampleFraction");
  }

  @Test
  void inlineSecretWithASemicolonOtherThanThePassword() {
    Run run = run("--sourceUrl=jdbc:sqlserver://127.0.0.1:1;keyStoreSecret={K3y;St0re}");
    assertOneClearLine(run, "--sourceUrl", "keyStoreSecret", "';'");
    assertFalse(run.output().contains("K3y") || run.output().contains("St0re"), run.output());
  }

  /**
   * A run whose source cannot be reached: an option check that names its option (and not the
   * source) ran before any I/O.
   */
  private static Run beforeAnyIo(String... overrides) {
    List<String> args =
        new ArrayList<>(
            List.of("--sourceUrl=jdbc:postgresql://127.0.0.1:1/test", "--sourceUser=postgres"));
    args.addAll(List.of(overrides));
    Run run = run(args.toArray(new String[0]));
    assertFalse(run.stderr().contains("cannot connect"), run.stderr());
    return run;
  }

  @Test
  void optionsThatWereNeverCheckedAreNow() {
    assertOneClearLine(run("--findingsShown=-1"), "--findingsShown");
    assertOneClearLine(run("--exportShards=-2"), "--exportShards");
    assertOneClearLine(run("--progressIntervalSeconds=-1"), "--progressIntervalSeconds");
    assertOneClearLine(run("--maxRejectedRows=-2"), "--maxRejectedRows");
    assertOneClearLine(run("--demoTickets=0"), "--demoTickets");
    assertOneClearLine(run("--mode=PLAN", "--hotKeys=0"), "--hotKeys");
    assertOneClearLine(run("--writeMaxBackoffMillis=0"), "--writeMaxBackoffMillis");
  }

  @Test
  void helpListsEveryOptionWithItsDescription() {
    Run help = Run.of("--help");
    assertEquals(0, help.exit());
    for (String option :
        Arrays.asList(
            "--sourceUrl",
            "--sourcePasswordEnv",
            "--dynamoEndpoint",
            "--tablePrefix",
            "--mode",
            "--maxRejectedRows",
            "--maxWriteRate",
            "--eventDateFrom",
            "--ignoreCutOver",
            "CUT_OVER")) {
      assertTrue(help.stdout().contains(option), option + " missing from --help");
    }
  }

  @Test
  void cutOverOfTablesThatDoNotExist() {
    assertOneClearLine(run("--mode=CUT_OVER"), "ticket_sales does not exist", "--tablePrefix");
  }

  private static String writePassword(String password) {
    try {
      Path file = out.resolve("password-" + System.nanoTime());
      java.nio.file.Files.writeString(file, password + "\n");
      return file.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
