package dev.ticketmigration.accesspatterns;

/**
 * Command-line entry point: {@code java -cp ... dev.ticketmigration.accesspatterns.Ask
 * --dynamoEndpoint URL --tablePrefix P --pattern owned --value 17}. See {@link AskCommand}.
 */
public final class Ask {
  private Ask() {}

  public static void main(String[] args) {
    System.exit(AskCommand.run(args, System.out, System.err));
  }
}
