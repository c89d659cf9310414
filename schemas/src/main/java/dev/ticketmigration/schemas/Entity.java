package dev.ticketmigration.schemas;

/** Values of the {@code entity} attribute every migrated item carries. */
public enum Entity {
  TICKET(TargetTable.TICKET_SALES),
  TRANSFER(TargetTable.TICKET_SALES),
  SPORT_TYPE(TargetTable.CONFIG),
  LEAGUE(TargetTable.CONFIG),
  DIVISION(TargetTable.CONFIG),
  LOCATION(TargetTable.CONFIG),
  TEAM(TargetTable.CONFIG),
  SEAT_TYPE(TargetTable.CONFIG),
  SEAT(TargetTable.CONFIG),
  PLAYER(TargetTable.CONFIG),
  PERSON(TargetTable.CONFIG),
  EVENT(TargetTable.CONFIG);

  private final TargetTable table;

  Entity(TargetTable table) {
    this.table = table;
  }

  public TargetTable table() {
    return table;
  }
}
