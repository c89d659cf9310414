package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.TargetTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Asks the migrated tables one of the SPEC's questions and prints the answer as a small table:
 *
 * <pre>
 * --dynamoEndpoint URL --tablePrefix P --pattern owned --value 17
 * --pattern available --value 1 --value 2026-04-01
 * </pre>
 *
 * <p>Arguments are parsed by hand ({@code --name value} or {@code --name=value}) to keep the
 * command free of dependencies. Exit codes: 0 answered, 2 bad arguments or an unreachable DynamoDB
 * / missing table (one line on stderr says which), 1 any other failure.
 */
public final class AskCommand {
  private AskCommand() {}

  /** The parsed command line. */
  record Arguments(
      @Nullable String endpoint,
      @Nullable String region,
      boolean local,
      String tablePrefix,
      AskPattern pattern,
      List<String> values) {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      out.print(usage());
      return 0;
    }
    Arguments arguments;
    try {
      arguments = parse(args);
      arguments.pattern().validate(arguments.values());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage() + " (see --help)");
      return 2;
    }
    String ticketSales = TargetTable.TICKET_SALES.tableName(arguments.tablePrefix());
    String config = TargetTable.CONFIG.tableName(arguments.tablePrefix());
    try (DynamoDbClient client =
        DynamoClients.create(arguments.endpoint(), arguments.region(), arguments.local())) {
      AskPattern.Answer answer =
          arguments
              .pattern()
              .ask(
                  new TicketSalesPatterns(client, ticketSales),
                  new ConfigPatterns(client, config),
                  arguments.values());
      out.print(TextTable.render(answer.header(), answer.rows()));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (ResourceNotFoundException e) {
      err.println(
          "error: table "
              + ticketSales
              + " or "
              + config
              + " does not exist"
              + where(arguments)
              + ": run the migration first or fix --tablePrefix");
      return 2;
    } catch (SdkClientException e) {
      err.println(
          "error: cannot reach DynamoDB" + where(arguments) + ": " + firstLine(e.getMessage()));
      return 2;
    } catch (SdkException e) {
      err.println("error: DynamoDB refused the query: " + firstLine(e.getMessage()));
      return 1;
    }
  }

  static Arguments parse(String[] args) {
    String endpoint = null;
    String region = null;
    boolean local = false;
    String prefix = "";
    String pattern = null;
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      switch (name) {
        case "--dynamoEndpoint" -> endpoint = value.isBlank() ? null : value;
        case "--dynamoRegion" -> region = value.isBlank() ? null : value;
        case "--dynamoLocal" -> local = bool(name, value);
        case "--tablePrefix" -> prefix = value;
        case "--pattern" -> pattern = value;
        case "--value" -> values.add(value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (pattern == null) {
      throw new IllegalArgumentException("--pattern is required: one of " + AskPattern.cliNames());
    }
    String patternName = pattern;
    AskPattern chosen =
        AskPattern.byCliName(patternName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown pattern '" + patternName + "': one of " + AskPattern.cliNames()));
    if (!TargetTable.isValidPrefix(prefix)) {
      throw new IllegalArgumentException(
          "--tablePrefix '" + prefix + "' may only hold " + TargetTable.PREFIX_RULE);
    }
    return new Arguments(endpoint, region, local, prefix, chosen, List.copyOf(values));
  }

  private static boolean bool(String name, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(name + " takes true or false, not '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  static String usage() {
    StringBuilder s =
        new StringBuilder(
            "Asks the migrated tables one of the SPEC's questions and prints the answer.\n\n"
                + "  --dynamoEndpoint URL   a DynamoDB-compatible endpoint (unset: real AWS)\n"
                + "  --dynamoRegion REGION  AWS region (unset: the default chain; us-east-1 when local)\n"
                + "  --dynamoLocal true     the endpoint is a local DynamoDB (dynalite): sign with a dummy\n"
                + "                         key instead of your AWS credentials\n"
                + "  --tablePrefix P        prefix of the table names, as given to the migration\n"
                + "  --pattern NAME --value V [--value V]\n\nPatterns:\n");
    for (AskPattern p : AskPattern.values()) {
      s.append("  ").append(p.usage()).append('\n');
    }
    return s.toString();
  }

  private static String where(Arguments arguments) {
    return arguments.endpoint() == null ? "" : " at " + arguments.endpoint();
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no details";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
