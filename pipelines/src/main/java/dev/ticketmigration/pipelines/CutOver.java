package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * The cut-over mark. Once the application runs on the DynamoDB tables it owns them: a stray
 * migration slice or repair would put the source's older state over its purchases and transfers.
 * {@code --mode=CUT_OVER} tags both target tables, and every run that writes items refuses a tagged
 * table unless {@code --ignoreCutOver=true}.
 *
 * <p>A table tag, because it is metadata of the table itself: no application Query, Scan or verify
 * ever sees it as an item, it survives restarts and re-deploys of the tool, CloudTrail records who
 * set it, and IAM policies can condition on it.
 */
final class CutOver {
  private CutOver() {}

  /** When the tables were marked (ISO-8601 UTC, whole seconds); the mark itself. */
  static final String AT_TAG = "ticket-migration:cut-over-at";

  /** Who marked them: the operating-system user and host of the marking run. */
  static final String BY_TAG = "ticket-migration:cut-over-by";

  /** Which run marked them: its --jobName. */
  static final String RUN_TAG = "ticket-migration:cut-over-run";

  /** DynamoDB's limit on a tag value's length. */
  private static final int MAX_TAG_VALUE = 256;

  /** A table's mark as read back from its tags. */
  record Mark(String at, @Nullable String by, @Nullable String run) {
    String describe() {
      return at + (by != null ? " by " + by : "") + (run != null ? " (run " + run + ")" : "");
    }
  }

  /**
   * Whether a run writes items into the target tables. No default: a new mode does not compile
   * until it says whether it writes, so no write path can bypass the check by omission.
   */
  static boolean writesItems(MigrationOptions options) {
    return switch (options.getMode()) {
      case MIGRATE -> options.getSink() != MigrationOptions.Sink.IMPORT_FILES;
      case VERIFY -> Boolean.TRUE.equals(options.getRepair());
      case SYNC -> true;
      case PLAN, READ, CUT_OVER -> false;
    };
  }

  /**
   * Marks both tables, one line each. Idempotent: a table marked before keeps its first mark, the
   * moment the application took over.
   */
  static void mark(DynamoTarget target, String run, PrintStream out) {
    String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String by = tagValue(operator());
    String runValue = tagValue(run);
    call(
        target,
        "cut-over",
        client -> {
          for (TargetTable table : TargetTable.values()) {
            String name = table.tableName(target.tablePrefix());
            String arn = arn(client, name);
            if (arn == null) {
              throw new MigrationException(
                  "target table "
                      + name
                      + " does not exist in "
                      + target.describe()
                      + ": nothing to cut over (check --tablePrefix, --dynamoEndpoint and"
                      + " --dynamoRegion)");
            }
            Mark existing = read(client, arn);
            if (existing != null) {
              out.println(
                  name + ": already cut over at " + existing.describe() + "; left as it is");
              continue;
            }
            client.tagResource(
                b ->
                    b.resourceArn(arn)
                        .tags(tag(AT_TAG, at), tag(BY_TAG, by), tag(RUN_TAG, runValue)));
            out.println(name + ": marked cut over at " + new Mark(at, by, runValue).describe());
          }
        });
  }

  /**
   * Refuses, before anything is written, a run that writes items while a target table carries the
   * mark; with {@code --ignoreCutOver=true} it says so and lets the run write.
   */
  static void check(DynamoTarget target, MigrationOptions options, PrintStream out) {
    if (!writesItems(options)) {
      return;
    }
    call(
        target,
        "cut-over check",
        client -> {
          for (TargetTable table : TargetTable.values()) {
            String name = table.tableName(target.tablePrefix());
            String arn = arn(client, name);
            // a table that does not exist yet was never cut over
            Mark mark = arn == null ? null : read(client, arn);
            if (mark == null) {
              continue;
            }
            if (Boolean.TRUE.equals(options.getIgnoreCutOver())) {
              out.println(
                  "warning: target table "
                      + name
                      + " was cut over at "
                      + mark.describe()
                      + "; writing anyway (--ignoreCutOver=true)");
              continue;
            }
            throw new MigrationException(
                "target table "
                    + name
                    + " was cut over at "
                    + mark.describe()
                    + ": the application"
                    + " writes it now and this run would overwrite its writes with the source's"
                    + " state; nothing was written (pass --ignoreCutOver=true to write anyway)");
          }
        });
  }

  /** A client call of the cut-over, with the failure line naming the tag permissions. */
  private static void call(DynamoTarget target, String what, TargetTables.ClientWork work) {
    TargetTables.call(
        target,
        what,
        " (the role needs dynamodb:ListTagsOfResource and, to mark, dynamodb:TagResource:"
            + " see docs/iam-policy.json)",
        work);
  }

  /** The table's ARN (tags are set on it), or null when the table does not exist. */
  private static @Nullable String arn(DynamoDbClient client, String name) {
    try {
      return client.describeTable(b -> b.tableName(name)).table().tableArn();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  private static @Nullable Mark read(DynamoDbClient client, String arn) {
    Map<String, String> tags = new HashMap<>();
    String token = null;
    do {
      ListTagsOfResourceResponse page =
          client.listTagsOfResource(
              ListTagsOfResourceRequest.builder().resourceArn(arn).nextToken(token).build());
      page.tags().forEach(t -> tags.put(t.key(), t.value()));
      token = page.nextToken();
    } while (token != null);
    String at = tags.get(AT_TAG);
    return at == null ? null : new Mark(at, tags.get(BY_TAG), tags.get(RUN_TAG));
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  /** user@host of this JVM; the AWS principal that set the tag is in CloudTrail. */
  private static String operator() {
    String user = System.getProperty("user.name", "unknown");
    try {
      return user + "@" + InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return user;
    }
  }

  /** Only the characters DynamoDB allows in a tag value, within its length limit. */
  static String tagValue(@Nullable String value) {
    String v = value == null || value.isBlank() ? "unknown" : value;
    v = v.replaceAll("[^\\p{L}\\p{N}\\s_.:/=+\\-@]", "_");
    return v.length() > MAX_TAG_VALUE ? v.substring(0, MAX_TAG_VALUE) : v;
  }
}
