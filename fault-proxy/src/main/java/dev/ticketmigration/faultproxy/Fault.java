package dev.ticketmigration.faultproxy;

/** The faults {@link FaultProxy} can inject instead of (or into) a forwarded DynamoDB request. */
public enum Fault {
  /**
   * HTTP 400 {@code com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException}; the
   * request is not forwarded.
   */
  THROTTLE(
      400,
      "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
      "The level of configured provisioned throughput for the table was exceeded."
          + " Consider increasing your provisioning level with the UpdateTable API."),
  /** HTTP 400 {@code com.amazon.coral.availability#ThrottlingException}; not forwarded. */
  THROTTLING(
      400,
      "com.amazon.coral.availability#ThrottlingException",
      "Rate of requests exceeds the allowed throughput."),
  /** HTTP 500 {@code com.amazonaws.dynamodb.v20120810#InternalServerError}; not forwarded. */
  HTTP_500(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error"),
  /** HTTP 503 {@code com.amazonaws.dynamodb.v20120810#ServiceUnavailable}; not forwarded. */
  HTTP_503(
      503,
      "com.amazonaws.dynamodb.v20120810#ServiceUnavailable",
      "The service is currently unavailable or busy."),
  /**
   * The request is read, not forwarded, and the client connection is reset (TCP RST, no response).
   */
  RESET(0, null, null),
  /**
   * The request is read, not forwarded, and held for {@code stallMillis}; then the connection is
   * closed without a response.
   */
  STALL(0, null, null),
  /**
   * BatchWriteItem only: a share of the batch's items is withheld, the rest is forwarded, and the
   * 200 response lists the withheld ones under {@code UnprocessedItems}.
   */
  UNPROCESSED(0, null, null);

  private final int status;
  private final String type;
  private final String message;

  Fault(int status, String type, String message) {
    this.status = status;
    this.type = type;
    this.message = message;
  }

  /** The HTTP status of the error response, or 0 when this fault sends no error response. */
  int status() {
    return status;
  }

  /** The error response body, or null when this fault sends no error response. */
  String errorBody() {
    return type == null ? null : "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
  }
}
