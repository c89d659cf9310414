package dev.ticketmigration.schemas;

import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.aws2.dynamodb.AttributeValueCoder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The coder of a DynamoDB item (attribute name to value) as it travels between steps. */
public final class ItemCoder {
  private ItemCoder() {}

  public static Coder<Map<String, AttributeValue>> of() {
    return MapCoder.of(StringUtf8Coder.of(), AttributeValueCoder.of());
  }
}
