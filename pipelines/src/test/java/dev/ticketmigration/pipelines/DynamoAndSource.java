package dev.ticketmigration.pipelines;

import dev.ticketmigration.faultproxy.FaultProxy;
import dev.ticketmigration.localdynamodb.Dynalite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local DynamoDB and one generated source database for a whole test class: started before the
 * class's own {@code @BeforeAll} methods, closed (source first) after its {@code @AfterAll} ones.
 * Register it as a static {@code @RegisterExtension} field.
 */
final class DynamoAndSource implements BeforeAllCallback, AfterAllCallback {
  private final TestSource.Kind kind;
  private final long tickets;
  private final long seed;
  private Dynalite dynamo;
  private TestSource source;

  DynamoAndSource(TestSource.Kind kind, long tickets, long seed) {
    this.kind = kind;
    this.tickets = tickets;
    this.seed = seed;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dynamo = Dynalite.start();
    source = TestSource.create(kind).generate(tickets, seed);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    source.close();
    dynamo.close();
  }

  Dynalite dynamo() {
    return dynamo;
  }

  TestSource source() {
    return source;
  }

  /** --sourceUrl, --sourceUser and --sourceSchema of this class's source. */
  List<String> sourceOptions() {
    return List.of(
        "--sourceUrl=" + source.url(),
        "--sourceUser=" + source.user(),
        "--sourceSchema=" + source.schema());
  }

  /** {@link Run#migrate} against this class's source and DynamoDB. */
  Run migrate(String prefix, Path outDir, String... extra) {
    return Run.migrate(source, dynamo.endpoint(), prefix, outDir, extra);
  }

  /** A fault proxy in front of this class's DynamoDB that disturbs BatchWriteItem calls only. */
  FaultProxy.Builder faultyWrites() {
    return FaultProxy.builder().upstream(dynamo.endpoint()).onlyFor("BatchWriteItem");
  }

  /** {@link Run#migrate} from this class's source to its DynamoDB behind {@code proxy}. */
  Run migrateThrough(FaultProxy proxy, String prefix, Path outDir, String... extra) {
    return Run.migrate(source, proxy.endpoint(), prefix, outDir, extra);
  }
}
